using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>An append waiting for its group commit. Completed with the row's feed position, or null if the row was not inserted.</summary>
internal sealed class PendingAppend(JournalRecord record)
{
    public JournalRecord Record { get; } = record;

    public long EnqueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    // RunContinuationsAsynchronously: never run a grain's continuation on the writer loop.
    public TaskCompletionSource<FeedPosition?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
