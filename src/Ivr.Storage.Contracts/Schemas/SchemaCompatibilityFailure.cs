namespace Ivr.Storage.Contracts;

/// <summary>One stored version of an entity that a candidate schema version would refuse, after upcasting.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SchemaCompatibilityFailure")]
public sealed record SchemaCompatibilityFailure
{
    /// <summary>The entity's id (its type is the schema's).</summary>
    [Id(0)] public required string EntityId { get; init; }

    /// <summary>The entity version checked: its current one, or one from the history sample.</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>Whether <see cref="Version"/> is the entity's current version (false: a sampled older one).</summary>
    [Id(2)] public required bool Current { get; init; }

    /// <summary>The schema version the payload was stored under (null: none recorded).</summary>
    [Id(3)] public int? StoredSchemaVersion { get; init; }

    /// <summary>The violations of the upcast payload under the candidate; empty when <see cref="UpcastError"/> is set.</summary>
    [Id(4)] public required IReadOnlyList<SchemaViolation> Violations { get; init; }

    /// <summary>Why an upcaster could not apply to the payload (e.g. a <c>move</c> from a missing member); null when it could.</summary>
    [Id(5)] public string? UpcastError { get; init; }
}
