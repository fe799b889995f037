using Ivr.Storage.Contracts;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Ivr.Storage.Client.Resilience;

/// <summary>
/// Which failures are transient (worth a retry, counted by the circuit breaker), and how everything that is not
/// already a Contracts error becomes one. Typed store errors other than <see cref="StoreUnavailableException"/>
/// are answers, not failures: retrying a conflict or a validation error can only repeat it.
/// An <see cref="OperationCanceledException"/> is the caller's own only when the caller's token was cancelled; otherwise
/// the cluster cancelled the call (Orleans: "Message expired before placement could complete" while silos come and
/// go), which is transient like a timeout. Passing it through made the gateway answer 500 instead of 503 and the
/// client skip the retry of an idempotent write (found by the fault-injection suite, issue 8).
/// </summary>
internal static class TransientClusterErrors
{
    /// <summary>Whether <paramref name="exception"/> is worth a retry and counts as a failure for the circuit breaker.</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="callerCancellation">The token the caller passed (inside the pipeline: the context's token, which also carries the total timeout).</param>
    public static bool IsTransient(Exception exception, CancellationToken callerCancellation) => exception switch
    {
        StoreUnavailableException => true,
        EntityStoreException => false,
        OperationCanceledException => !callerCancellation.IsCancellationRequested,
        // SiloUnavailableException and the gateway's "too busy" rejections derive from it.
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        GatewayTooBusyException => true,
        ClientNotAvailableException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The exception a caller sees for <paramref name="exception"/>; the original when it is already typed or the caller cancelled.</summary>
    public static Exception Translate(Exception exception, CancellationToken callerCancellation) => exception switch
    {
        EntityStoreException => exception,
        OperationCanceledException when callerCancellation.IsCancellationRequested => exception,
        OperationCanceledException => new StoreUnavailableException(
            $"The storage cluster cancelled the call ({exception.Message}); a write may or may not have happened: repeat it with the same idempotency key.", exception),
        TimeoutRejectedException => new StoreUnavailableException(
            "The storage cluster did not answer within the client's total timeout (retries included); a write may or may not have happened: repeat it with the same idempotency key.", exception),
        BrokenCircuitException => new StoreUnavailableException(
            "The storage cluster is unavailable (the client's circuit breaker is open after repeated failures); retry later.", exception),
        _ when IsTransient(exception, callerCancellation) => new StoreUnavailableException(
            $"The storage cluster could not be reached: {exception.Message}", exception),
        OrleansException => new StoreUnavailableException(
            $"The storage cluster failed the call: {exception.Message}", exception),
        _ => exception,
    };
}
