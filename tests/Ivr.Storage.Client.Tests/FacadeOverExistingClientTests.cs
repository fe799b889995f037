using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Client.Tests;

/// <summary>Hosts that already run an Orleans client (or a silo) add only the facade, over their own grain factory.</summary>
[Collection(StoreClusterCollection.Name)]
public sealed class FacadeOverExistingClientTests(StoreClusterFixture fixture)
{
    [Fact]
    public async Task add_ivr_storage_facade_uses_the_hosts_grain_factory_and_its_own_source()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGrainFactory>(fixture.ClusterClient);
        services.AddIvrStorageFacade(options => options.Source = "host-with-own-client");
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEntityStore>();
        var key = StoreClusterFixture.NewKey();

        await store.PutAsync(key, """{"n":1}""");

        Assert.Equal("host-with-own-client", (await fixture.Store.GetAsync(key)).LastProvenance.Source);
    }

    [Fact]
    public void the_facade_over_an_existing_client_requires_a_source()
    {
        var error = Assert.Throws<ArgumentException>(() => EntityStore.Create(fixture.ClusterClient, new IvrStorageClientOptions()));

        Assert.Contains("Source", error.Message, StringComparison.Ordinal);
    }
}
