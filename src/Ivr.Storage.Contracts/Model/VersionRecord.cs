namespace Ivr.Storage.Contracts;

/// <summary>One immutable version of an entity, exactly as the journal holds it.</summary>
[GenerateSerializer, Immutable, Alias("ivr.VersionRecord")]
public sealed record VersionRecord
{
    /// <summary>The entity.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>Version number, 1..n without gaps.</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>What produced this version.</summary>
    [Id(2)] public required ChangeKind Kind { get; init; }

    /// <summary>Canonical JSON payload after this version; null for a delete, or when the history query asked for metadata only.</summary>
    [Id(3)] public string? Payload { get; init; }

    /// <summary>Commit time, strictly increasing per entity.</summary>
    [Id(4)] public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>Who wrote it and why.</summary>
    [Id(5)] public required Provenance Provenance { get; init; }

    /// <summary>The idempotency key the write carried, if any.</summary>
    [Id(6)] public string? IdempotencyKey { get; init; }

    /// <summary>The payload's schema version, if the writer gave one.</summary>
    [Id(7)] public int? SchemaVersion { get; init; }

    /// <summary>Tags kept with the version.</summary>
    [Id(8)] public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Hash of the previous version (64 zeros for version 1), lower-case hex.</summary>
    [Id(9)] public required string PreviousHash { get; init; }

    /// <summary>This version's chain hash, lower-case hex.</summary>
    [Id(10)] public required string Hash { get; init; }

    /// <summary>
    /// Null when <see cref="Payload"/> is the stored bytes (every read but one that asked for the latest schema). When
    /// the read asked for it (<c>ISchemaRegistry</c>'s <c>…AtLatestSchemaAsync</c>, <c>?schema=latest</c>), the schema
    /// version the payload is shown at; <see cref="SchemaVersion"/>, <see cref="Hash"/> and <see cref="PreviousHash"/>
    /// stay those of the stored version, so the chain still verifies.
    /// </summary>
    [Id(11)] public int? ShownAtSchemaVersion { get; init; }

    /// <summary>True for a delete (tombstone).</summary>
    public bool Deleted => Kind == ChangeKind.Delete;
}
