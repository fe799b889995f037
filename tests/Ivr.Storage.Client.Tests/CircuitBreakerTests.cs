using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Polly.CircuitBreaker;

namespace Ivr.Storage.Client.Tests;

[Collection(OutageClusterCollection.Name)]
public sealed class CircuitBreakerTests(OutageClusterFixture fixture)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task the_breaker_opens_while_the_cluster_is_down_and_closes_when_silos_return()
    {
        var key = StoreClusterFixture.NewKey("outage");
        await fixture.Store.PutAsync(key, """{"phase":"before"}""");

        // Phase 1: every silo is gone. Calls fail as StoreUnavailableException until the breaker opens.
        await fixture.StopAllSilosAsync();
        StoreUnavailableException? failure = null;
        for (var attempt = 0; attempt < 10 && failure?.InnerException is not BrokenCircuitException; attempt++)
        {
            failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => fixture.Store.GetAsync(key));
        }

        Assert.IsType<BrokenCircuitException>(failure!.InnerException);

        // Phase 2: while open, callers fail fast without touching the cluster.
        var attemptsBefore = fixture.Faults.Attempts(key);
        var clock = Stopwatch.StartNew();
        var fast = await Assert.ThrowsAsync<StoreUnavailableException>(() => fixture.Store.PutAsync(key, """{"phase":"down"}"""));
        Assert.IsType<BrokenCircuitException>(fast.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(500), $"An open circuit should fail at once; it took {clock.Elapsed}.");
        Assert.Equal(attemptsBefore, fixture.Faults.Attempts(key));

        // Phase 3: a silo returns on new ports. The client finds it through Redis and a trial call closes the breaker.
        await fixture.StartSiloAsync();
        var written = await EventuallyAsync(() => fixture.Store.PutAsync(key, """{"phase":"after"}"""));

        Assert.Equal(2, written.Version);
        var state = await fixture.Store.GetAsync(key);
        Assert.Equal("""{"phase":"after"}""", state.Payload);
    }

    /// <summary>Repeats <paramref name="call"/> while the store is unavailable, bounded by <see cref="RecoveryTimeout"/>.</summary>
    private static Task<T> EventuallyAsync<T>(Func<Task<T>> call)
        where T : class
    {
        StoreUnavailableException? last = null;
        return Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    return await call();
                }
                catch (StoreUnavailableException ex)
                {
                    last = ex;
                    return null;
                }
            },
            RecoveryTimeout,
            () => $"the store did not become available again; last: {last?.Message}",
            TimeSpan.FromMilliseconds(250));
    }
}
