using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>What the checker found for one scenario's requests against the journal and the change feed.</summary>
public sealed record CheckReport
{
    public required int Issued { get; init; }

    public required int Acknowledged { get; init; }

    /// <summary>Of <see cref="Acknowledged"/>: those that went through the HTTP gateway.</summary>
    public int AcknowledgedOverHttp { get; init; }

    /// <summary>Refused with a concurrency conflict or a validation error, first time or on retry.</summary>
    public required int FailedCleanly { get; init; }

    /// <summary>First attempt timed out or failed otherwise (outcome unknown until retried).</summary>
    public required int Unknown { get; init; }

    /// <summary>Of <see cref="Unknown"/>: found committed by their retry (the original had committed, or the retry did).</summary>
    public required int UnknownThenAcknowledged { get; init; }

    public required int JournalRows { get; init; }

    public required int FeedRows { get; init; }

    public required int Reads { get; init; }

    /// <summary>History pages readers were shown and the checker judged.</summary>
    public int HistoryPages { get; init; }

    /// <summary>Of <see cref="HistoryPages"/>: those read through the HTTP gateway.</summary>
    public int HistoryPagesOverHttp { get; init; }

    /// <summary>Versions on those pages, each checked against the journal.</summary>
    public int HistoryVersions { get; init; }

    /// <summary>Changes of the scenario's entity type the feed followers were shown during the load, each checked.</summary>
    public int FollowedChanges { get; init; }

    /// <summary>Of <see cref="FollowedChanges"/>: those the HTTP gateway's follower was shown.</summary>
    public int FollowedChangesOverHttp { get; init; }

    public required IReadOnlyList<Violation> Violations { get; init; }

    public int Lost => Count(ViolationKind.Lost);

    public int Duplicated => Count(ViolationKind.Duplicated);

    public bool Passed => Violations.Count == 0;

    public int Count(ViolationKind kind) => Violations.Count(v => v.Kind == kind);

    internal static bool IsUnknown(WriteOutcome outcome) => outcome is WriteOutcome.Timeout or WriteOutcome.Error or WriteOutcome.Pending;
}
