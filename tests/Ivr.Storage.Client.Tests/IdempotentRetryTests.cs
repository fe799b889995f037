using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

[Collection(StoreClusterCollection.Name)]
public sealed class IdempotentRetryTests(StoreClusterFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    [Fact]
    public async Task a_write_whose_response_was_lost_is_retried_and_creates_exactly_one_version()
    {
        var key = StoreClusterFixture.NewKey();
        fixture.Faults.FailNext(key, times: 2, TransientFaults.Kind.ResponseLost);

        var result = await Store.PutAsync(key, """{"paid":true}""");

        // Three attempts reached the grain; the first wrote, the two retries were answered from its idempotency key.
        Assert.Equal(3, fixture.Faults.Attempts(key));
        Assert.Equal(1, result.Version);
        Assert.True(result.IdempotentReplay);
        var history = await Store.GetHistoryAsync(key).ToListAsync();
        Assert.Single(history);
    }

    [Fact]
    public async Task a_write_that_never_reached_the_cluster_is_retried_and_creates_exactly_one_version()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"n":1}""");
        fixture.Faults.FailNext(key, times: 1, TransientFaults.Kind.BeforeDelivery);

        var result = await Store.PatchAsync(key, """{"n":2}""");

        Assert.Equal(2, result.Version);
        Assert.False(result.IdempotentReplay);
        Assert.Equal(2, (await Store.GetAsync(key)).Version);
    }

    [Fact]
    public async Task reads_are_retried_after_transient_failures()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"n":1}""");
        fixture.Faults.FailNext(key, times: 2, TransientFaults.Kind.BeforeDelivery);

        var state = await Store.GetAsync(key);

        Assert.Equal(1, state.Version);
    }

    [Fact]
    public async Task a_write_without_an_idempotency_key_is_not_retried_and_fails_as_store_unavailable()
    {
        var store = EntityStore.Create(fixture.ClusterClient, new IvrStorageClientOptions { Source = "no-keys", AddIdempotencyKeys = false });
        var key = StoreClusterFixture.NewKey();
        fixture.Faults.FailNext(key, times: 1, TransientFaults.Kind.ResponseLost);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync(key, """{"n":1}"""));

        Assert.Equal(1, fixture.Faults.Attempts(key));
        Assert.IsType<Orleans.Runtime.SiloUnavailableException>(error.InnerException);
        Assert.Null((await store.GetVersionAsync(key, 1)).IdempotencyKey);
    }

    [Fact]
    public async Task retries_give_up_after_the_configured_attempts_with_store_unavailable()
    {
        var key = StoreClusterFixture.NewKey();
        fixture.Faults.FailNext(key, times: 10, TransientFaults.Kind.BeforeDelivery);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.GetVersionAsync(key, 1));

        Assert.Equal(1 + new IvrStorageResilienceOptions().MaxRetryAttempts, fixture.Faults.Attempts(key));
    }
}
