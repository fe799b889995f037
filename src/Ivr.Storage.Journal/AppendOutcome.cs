using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal;

/// <summary>
/// What happened to one append, as facts: committed, or which unique key kept the row out. What to answer is the
/// writer's decision (the entity grain's <c>WriteDecision</c>). Database failures are exceptions, not outcomes.
/// </summary>
public abstract record AppendOutcome
{
    private AppendOutcome()
    {
    }

    /// <summary>The row is committed at <paramref name="Position"/> of the change feed.</summary>
    public sealed record Committed(FeedPosition Position) : AppendOutcome
    {
        /// <summary>When the append was queued, its statement started and committed; default when not measured.</summary>
        public AppendTiming Timing { get; init; }
    }

    /// <summary>Another writer already holds version <paramref name="Version"/> of the entity: the writer's head is stale.</summary>
    public sealed record VersionTaken(long Version) : AppendOutcome;

    /// <summary>The row's idempotency key is taken, by <paramref name="Existing"/> (whatever version the row had, it could not be written).</summary>
    public sealed record IdempotencyKeyUsed(JournalRecord Existing) : AppendOutcome;
}
