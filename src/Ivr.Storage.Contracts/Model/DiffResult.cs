namespace Ivr.Storage.Contracts;

/// <summary>The difference between two versions as a JSON Patch (RFC 6902).</summary>
[GenerateSerializer, Immutable, Alias("ivr.DiffResult")]
public sealed record DiffResult
{
    /// <summary>The entity.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>The version the patch applies to.</summary>
    [Id(1)] public required long FromVersion { get; init; }

    /// <summary>The version the patch produces.</summary>
    [Id(2)] public required long ToVersion { get; init; }

    /// <summary>The JSON Patch document (a JSON array of operations). A deleted version counts as an empty object.</summary>
    [Id(3)] public required string Patch { get; init; }

    /// <summary>
    /// Null for a diff of the stored payloads; for a diff read at the latest schema, the schema version both payloads
    /// were upcast to before they were compared.
    /// </summary>
    [Id(4)] public int? ShownAtSchemaVersion { get; init; }
}
