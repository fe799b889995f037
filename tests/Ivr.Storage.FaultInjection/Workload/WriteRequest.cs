using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// One logical write and everything the client learned about it. Its idempotency key is <see cref="RequestId"/>,
/// and a put's payload carries the id too (<c>"req"</c>), so the journal can be searched for it either way.
/// Retries send exactly the same request (same key, same expected version, same payload, same transport).
/// </summary>
public sealed class WriteRequest
{
    /// <summary>The provenance source of every write of the suite, on either transport.</summary>
    public const string Source = "fault-injection";

    public required string RequestId { get; init; }

    public required EntityKey Key { get; init; }

    /// <summary>Written with an exact expected version (a hot entity), else with <see cref="ExpectedVersion.Any"/>.</summary>
    public required ExpectedVersion Expected { get; init; }

    public WriteKind Kind { get; init; } = WriteKind.Put;

    /// <summary>The payload of a put; null for a delete.</summary>
    public string? Payload { get; init; }

    /// <summary>Whether the request went through the Orleans client or the HTTP gateway (its retries take the same path).</summary>
    public Transport Transport { get; init; } = Transport.Client;

    /// <summary>A deliberately invalid payload: must end in <see cref="WriteOutcome.Validation"/>.</summary>
    public bool Invalid { get; init; }

    /// <summary>The first attempt's outcome.</summary>
    public WriteOutcome FirstOutcome { get; set; } = WriteOutcome.Pending;

    /// <summary>The outcome after retries (equal to <see cref="FirstOutcome"/> when there were none).</summary>
    public WriteOutcome Outcome { get; set; } = WriteOutcome.Pending;

    /// <summary>The version the client was told (acknowledged only).</summary>
    public long? Version { get; set; }

    /// <summary>The chain hash the client was told (acknowledged only).</summary>
    public string? Hash { get; set; }

    /// <summary>The last error message, for reports.</summary>
    public string? Error { get; set; }

    /// <summary>The first attempt's error message (null when it was acknowledged), for reports.</summary>
    public string? FirstError { get; set; }

    /// <summary>Attempts made, the first included.</summary>
    public int Attempts { get; set; }

    /// <summary>Whether the outcome is still unknown (timeout or error), so a retry is due.</summary>
    public bool IsUnknown => Outcome is WriteOutcome.Timeout or WriteOutcome.Error or WriteOutcome.Pending;

    public WriteOptions Options(string scenario) => new()
    {
        Provenance = new Provenance { Source = Source, CorrelationId = scenario },
        Expected = Expected,
        IdempotencyKey = RequestId,
    };
}
