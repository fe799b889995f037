namespace Ivr.Storage.Contracts;

/// <summary>An entity's current state as the read model holds it.</summary>
[GenerateSerializer, Immutable, Alias("ivr.ReadModelEntity")]
public sealed record ReadModelEntity
{
    [Id(0)] public required EntityKey Key { get; init; }

    [Id(1)] public required long Version { get; init; }

    [Id(2)] public required bool Deleted { get; init; }

    /// <summary>Canonical JSON; null when deleted.</summary>
    [Id(3)] public string? Payload { get; init; }

    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(5)] public required string Source { get; init; }

    /// <summary>
    /// The schema version <see cref="Payload"/> is shown at: the read model projects payloads upcast to their type's
    /// latest schema. 0 for a payload written while its type was free-form; null when unknown (projected before the
    /// read model kept it: rebuild the projection to fill it).
    /// </summary>
    [Id(6)] public int? SchemaVersion { get; init; }
}
