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
}
