using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>What the entity page shows; each part is present only when the URL asks for it.</summary>
public sealed record EntityView
{
    public required EntityKey Key { get; init; }

    /// <summary>The current state; null when the latest version is a delete (<see cref="DeletedVersion"/>).</summary>
    public EntityState? State { get; init; }

    public long? DeletedVersion { get; init; }

    public required HistoryPage Timeline { get; init; }

    /// <summary>The cursor this timeline page was read from (null: the first page).</summary>
    public string? Cursor { get; init; }

    public bool OldestFirst { get; init; }

    /// <summary>The version of <c>?v=n</c>.</summary>
    public VersionRecord? Selected { get; init; }

    /// <summary>The two versions of <c>?v=a..b</c> and the JSON Patch between them, cut to what the page renders.</summary>
    public DiffExcerpt? Diff { get; init; }

    /// <summary>The asked instant of <c>?asOf=</c> and the version in effect then (null: none yet, or deleted then).</summary>
    public (DateTimeOffset At, VersionRecord? Version, string? Note)? AsOf { get; init; }

    public VerificationResult? Verification { get; init; }

    /// <summary>With <see cref="Verification"/>: the shown version's inclusion proof, checked against the latest signed head.</summary>
    public Audit.ProofStatus? Proof { get; init; }

    public bool CanRevert { get; init; }

    /// <summary>Characters of a payload the page renders (<see cref="ConsoleOptions.PayloadCharsShown"/>).</summary>
    public required int PayloadChars { get; init; }

    /// <summary>Server time spent on this page, for the Server-Timing header and the page's footer.</summary>
    public double ServerMilliseconds { get; set; }
}
