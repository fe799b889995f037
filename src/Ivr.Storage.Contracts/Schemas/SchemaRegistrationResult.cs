namespace Ivr.Storage.Contracts;

/// <summary>What a schema registration did: the write (none for a dry run) and the compatibility report.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SchemaRegistrationResult")]
public sealed record SchemaRegistrationResult
{
    /// <summary>The schema version written; null for a dry run.</summary>
    [Id(0)] public WriteResult? Write { get; init; }

    /// <summary>The compatibility gate's report.</summary>
    [Id(1)] public required SchemaCompatibilityReport Report { get; init; }
}
