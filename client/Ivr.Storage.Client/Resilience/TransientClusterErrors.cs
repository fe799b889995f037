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
/// </summary>
internal static class TransientClusterErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        StoreUnavailableException => true,
        EntityStoreException => false,
        // SiloUnavailableException and the gateway's "too busy" rejections derive from it.
        OrleansMessageRejectionException => true,
        ConnectionFailedException => true,
        GatewayTooBusyException => true,
        ClientNotAvailableException => true,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>The exception a caller sees for <paramref name="exception"/>; the original when it is already typed.</summary>
    public static Exception Translate(Exception exception) => exception switch
    {
        EntityStoreException => exception,
        OperationCanceledException => exception,
        TimeoutRejectedException => new StoreUnavailableException(
            "The storage cluster did not answer within the client's total timeout (retries included); a write may or may not have happened: repeat it with the same idempotency key.", exception),
        BrokenCircuitException => new StoreUnavailableException(
            "The storage cluster is unavailable (the client's circuit breaker is open after repeated failures); retry later.", exception),
        _ when IsTransient(exception) => new StoreUnavailableException(
            $"The storage cluster could not be reached: {exception.Message}", exception),
        OrleansException => new StoreUnavailableException(
            $"The storage cluster failed the call: {exception.Message}", exception),
        _ => exception,
    };
}
