namespace Ivr.Storage.Contracts;

/// <summary>The outcome of an acknowledged write: the version is committed in PostgreSQL.</summary>
[GenerateSerializer, Immutable, Alias("ivr.WriteResult")]
public sealed record WriteResult
{
    /// <summary>The entity written.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>The version this write created (or created originally, for a replay).</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>The commit time of that version.</summary>
    [Id(2)] public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>The version's chain hash, lower-case hex.</summary>
    [Id(3)] public required string Hash { get; init; }

    /// <summary>Whether the version is a tombstone.</summary>
    [Id(4)] public bool Deleted { get; init; }

    /// <summary>True when the idempotency key had been used before and nothing new was written.</summary>
    [Id(5)] public bool IdempotentReplay { get; init; }

    /// <summary>
    /// Where this version stands in the change feed; wait for a read model to reach it to read your own write.
    /// Null for an idempotent replay answered without the journal's transaction id.
    /// </summary>
    [Id(6)] public FeedPosition? FeedPosition { get; init; }
}
