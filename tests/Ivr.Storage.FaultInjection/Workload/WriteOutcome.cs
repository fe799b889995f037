namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What the client learned about one write attempt.</summary>
public enum WriteOutcome
{
    /// <summary>Not answered yet.</summary>
    Pending,

    /// <summary>Acknowledged with a version: committed, so it must be in the journal exactly once.</summary>
    Acknowledged,

    /// <summary>Refused with <c>ConcurrencyConflictException</c>: nothing may have been written.</summary>
    ConcurrencyConflict,

    /// <summary>Refused with <c>EntityValidationException</c>: nothing may have been written.</summary>
    Validation,

    /// <summary>No answer within the response timeout: the outcome is unknown until a retry settles it.</summary>
    Timeout,

    /// <summary>Any other failure (store unavailable, silo gone, connection lost): unknown, retried.</summary>
    Error,

    /// <summary>An answer that no request of the workload can legitimately get (e.g. an idempotency conflict).</summary>
    Unexpected,
}
