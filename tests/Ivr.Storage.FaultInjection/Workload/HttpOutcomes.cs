namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// The gateway's status codes in the outcome model of the Orleans client's exceptions (see the gateway's
/// EntityProblems), so one checker judges both transports. 409 is the gateway's idempotency conflict, which no
/// request of the workload may get (as on the client path); the concurrency conflict of If-Match is 412.
/// </summary>
public static class HttpOutcomes
{
    public static WriteOutcome Classify(int status, WriteKind kind) => status switch
    {
        200 or 201 => WriteOutcome.Acknowledged,
        412 => WriteOutcome.ConcurrencyConflict,
        400 or 413 or 415 or 422 => WriteOutcome.Validation,
        (404 or 410) when kind == WriteKind.Delete => WriteOutcome.Gone,
        408 or 504 => WriteOutcome.Timeout,
        // 503 (cluster unavailable), 500, 502: the write may or may not have happened.
        >= 500 => WriteOutcome.Error,
        // 409 idempotency conflict, 401/403 credentials, 428 precondition, 429 rate limit, 404/410 on a put.
        _ => WriteOutcome.Unexpected,
    };
}
