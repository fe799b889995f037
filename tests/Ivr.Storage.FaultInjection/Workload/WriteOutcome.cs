namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What the client learned about one write attempt.</summary>
public enum WriteOutcome
{
    /// <summary>Not answered yet.</summary>
    Pending,

    /// <summary>Acknowledged with a version: committed, so it must be in the journal exactly once.</summary>
    Acknowledged,

    /// <summary>Refused with <c>ConcurrencyConflictException</c> (HTTP 412): nothing may have been written.</summary>
    ConcurrencyConflict,

    /// <summary>Refused with <c>EntityValidationException</c> (HTTP 400/413/415/422): nothing may have been written.</summary>
    Validation,

    /// <summary>
    /// A delete refused because the entity was never written or is already deleted (HTTP 404/410): nothing may have
    /// been written under this request's idempotency key.
    /// </summary>
    Gone,

    /// <summary>No answer within the response timeout (HTTP: the client's timeout or 504): unknown until a retry settles it.</summary>
    Timeout,

    /// <summary>Any other failure (store unavailable, silo gone, connection lost, HTTP 5xx): unknown, retried.</summary>
    Error,

    /// <summary>An answer that no request of the workload can legitimately get (e.g. an idempotency conflict).</summary>
    Unexpected,
}
