namespace Ivr.Storage.Contracts;

/// <summary>The current state of an entity: the head of its version chain.</summary>
[GenerateSerializer, Immutable, Alias("ivr.EntityState")]
public sealed record EntityState
{
    /// <summary>The entity.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>The latest version (1 or more).</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>The payload as canonical JSON (RFC 8785); null when <see cref="Deleted"/>.</summary>
    [Id(2)] public string? Payload { get; init; }

    /// <summary>Whether the latest version is a tombstone.</summary>
    [Id(3)] public bool Deleted { get; init; }

    /// <summary>Commit time of version 1.</summary>
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Commit time of the latest version.</summary>
    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Provenance of the latest version.</summary>
    [Id(6)] public required Provenance LastProvenance { get; init; }

    /// <summary>Chain hash of the latest version, lower-case hex.</summary>
    [Id(7)] public required string Hash { get; init; }

    /// <summary>Schema version of the latest version, if the writer gave one.</summary>
    [Id(8)] public int? SchemaVersion { get; init; }
}
