namespace Ivr.Storage.Contracts;

/// <summary>Where a version came from. <see cref="Source"/> is required on every write.</summary>
[GenerateSerializer, Immutable, Alias("ivr.Provenance")]
public sealed record Provenance
{
    /// <summary>Maximum length of each provenance field, in characters.</summary>
    public const int MaxFieldLength = 512;

    /// <summary>The service or worker that wrote the version, e.g. <c>ivr-server</c>.</summary>
    [Id(0)] public required string Source { get; init; }

    /// <summary>Correlates the write with a request or a message on the bus (W3C trace id by default).</summary>
    [Id(1)] public string? CorrelationId { get; init; }

    /// <summary>The id of the message or command that caused this write.</summary>
    [Id(2)] public string? CausationId { get; init; }

    /// <summary>The authenticated user or service account on whose behalf the write happened.</summary>
    [Id(3)] public string? Actor { get; init; }

    /// <summary>A human-readable reason, kept for audits.</summary>
    [Id(4)] public string? Reason { get; init; }
}
