using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>An append waiting for its group commit. Completed with the row's feed position, or null if the row was not inserted.</summary>
internal sealed class PendingAppend(JournalRecord record)
{
    // Provenance, hashes, tags and the objects themselves, roughly: bounded by validation and small beside a payload.
    private const int FixedAllowance = 512;

    public JournalRecord Record { get; } = record;

    /// <summary>
    /// What the append holds in memory while queued, for <see cref="JournalOptions.MaxQueuedBytes"/>: its payload and id as
    /// .NET strings (two bytes a character) plus a fixed allowance. An estimate, computed without walking the payload.
    /// </summary>
    public long Bytes { get; } = FixedAllowance + (2L * ((record.Payload?.Length ?? 0) + record.Key.Id.Length));

    /// <summary>No longer counted against the queue's bounds (under the writer's gate; see GroupCommitWriter.Release).</summary>
    public bool Released { get; set; }

    public long EnqueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    // Its batch's statement start and return (Stopwatch timestamps), set by the writer before Completion is answered:
    // completing the task publishes them to the awaiting caller.
    public long StatementStarted { get; set; }

    public long StatementEnded { get; set; }

    /// <summary>The stages this append passed, once answered.</summary>
    public AppendTiming Timing => new(EnqueuedAt, StatementStarted, StatementEnded);

    /// <summary>The span of the call that queued the append (the grain call), for the batch's span to point back to.</summary>
    public System.Diagnostics.ActivityContext Caller { get; } = GroupCommitTracing.CallerContext();

    // Continuations run synchronously on the writer loop: the journal's own continuation (AppendAsync, which awaits
    // with ConfigureAwait(false)) only wraps the position, and a grain's continuation is never inlined there because
    // the grain awaits on its activation's scheduler, so completing a write costs a queue post instead of a
    // thread-pool hop and then a queue post.
    public TaskCompletionSource<FeedPosition?> Completion { get; } = new();
}
