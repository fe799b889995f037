using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal;

/// <summary>What happened to one append. Database failures are exceptions, not outcomes.</summary>
public abstract record AppendOutcome
{
    private AppendOutcome()
    {
    }

    /// <summary>The row is committed at <paramref name="Position"/> of the change feed.</summary>
    public sealed record Committed(FeedPosition Position) : AppendOutcome;

    /// <summary>Another writer already holds this version number: the caller's head is stale.</summary>
    public sealed record VersionTaken : AppendOutcome;

    /// <summary>The idempotency key was used before, by <paramref name="Existing"/>.</summary>
    public sealed record IdempotencyKeyUsed(JournalRecord Existing) : AppendOutcome;
}
