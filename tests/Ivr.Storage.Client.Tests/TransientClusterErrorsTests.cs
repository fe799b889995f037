using Ivr.Storage.Client.Resilience;
using Ivr.Storage.Contracts;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.CircuitBreaker;

namespace Ivr.Storage.Client.Tests;

/// <summary>Which failures are retried and counted by the breaker, and what callers see instead of transport errors.</summary>
public sealed class TransientClusterErrorsTests
{
    private static readonly EntityKey Key = EntityKey.Create("t", "1");

    public static TheoryData<Exception> Transient() =>
    [
        new StoreUnavailableException("journal down"),
        new SiloUnavailableException("silo gone"),
        new ConnectionFailedException("refused"),
        new GatewayTooBusyException(),
        new TimeoutException("slow"),
        // Cancelled by the cluster, not by the caller (whose token below is never cancelled).
        new OperationCanceledException("Message expired before placement could complete"),
    ];

    public static TheoryData<Exception> Answers() =>
    [
        new EntityValidationException(ValidationErrorCode.InvalidPayload, "payload", "not an object"),
        new ConcurrencyConflictException(Key, ExpectedVersion.Exactly(1), 2),
        new IdempotencyConflictException(Key, "k", 1),
        EntityNotFoundException.NoEntity(Key),
        new EntityDeletedException(Key, 2, DateTimeOffset.UnixEpoch),
        new InvalidOperationException("a bug"),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public void transient_cluster_errors_are_retried_and_reach_callers_as_store_unavailable(Exception error)
    {
        Assert.True(TransientClusterErrors.IsTransient(error, CancellationToken.None));
        Assert.IsType<StoreUnavailableException>(TransientClusterErrors.Translate(error, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void typed_answers_and_bugs_are_never_retried_and_reach_callers_unchanged(Exception error)
    {
        Assert.False(TransientClusterErrors.IsTransient(error, CancellationToken.None));
        Assert.Same(error, TransientClusterErrors.Translate(error, CancellationToken.None));
    }

    [Fact]
    public void running_out_of_the_total_timeout_reaches_callers_as_store_unavailable()
    {
        var timedOut = new Polly.Timeout.TimeoutRejectedException("total timeout");

        Assert.IsType<StoreUnavailableException>(TransientClusterErrors.Translate(timedOut, CancellationToken.None));
        Assert.False(TransientClusterErrors.IsTransient(timedOut, CancellationToken.None));
    }

    [Fact]
    public void an_open_circuit_reaches_callers_as_store_unavailable_wrapping_it()
    {
        var open = new BrokenCircuitException("open");

        var translated = Assert.IsType<StoreUnavailableException>(TransientClusterErrors.Translate(open, CancellationToken.None));

        Assert.Same(open, translated.InnerException);
        Assert.False(TransientClusterErrors.IsTransient(open, CancellationToken.None));
    }

    [Fact]
    public void a_cancellation_the_caller_asked_for_is_never_retried_and_reaches_it_unchanged()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var error = new OperationCanceledException(cancelled.Token);

        Assert.False(TransientClusterErrors.IsTransient(error, cancelled.Token));
        Assert.Same(error, TransientClusterErrors.Translate(error, cancelled.Token));
    }
}
