using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// Regression (issue 8, fault injection): under silo churn Orleans fails some calls with OperationCanceledException
/// ("Message expired before placement could complete") although the caller cancelled nothing. The client passed it
/// through as if the caller had cancelled: an idempotent write was not retried, and the gateway, which maps only
/// typed errors, answered 500 instead of 503.
/// </summary>
[Collection(StoreClusterCollection.Name)]
public sealed class ClusterCancelledCallTests(StoreClusterFixture fixture)
{
    [Fact]
    public async Task a_write_the_cluster_cancelled_is_retried_and_creates_exactly_one_version()
    {
        var key = StoreClusterFixture.NewKey();
        fixture.Faults.FailNext(key, times: 1, TransientFaults.Kind.CancelledByCluster);

        var result = await fixture.Store.PutAsync(key, """{"n":1}""");

        Assert.Equal(2, fixture.Faults.Attempts(key));
        Assert.Equal(1, result.Version);
        Assert.Equal(1, (await fixture.Store.GetAsync(key)).Version);
    }

    [Fact]
    public async Task a_write_without_an_idempotency_key_the_cluster_cancelled_fails_as_store_unavailable()
    {
        var store = EntityStore.Create(fixture.ClusterClient, new IvrStorageClientOptions { Source = "no-keys", AddIdempotencyKeys = false });
        var key = StoreClusterFixture.NewKey();
        fixture.Faults.FailNext(key, times: 1, TransientFaults.Kind.CancelledByCluster);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PutAsync(key, """{"n":1}"""));

        Assert.Equal(1, fixture.Faults.Attempts(key));
        Assert.IsType<OperationCanceledException>(error.InnerException);
    }
}
