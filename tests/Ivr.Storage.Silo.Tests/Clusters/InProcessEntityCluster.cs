using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// An in-process cluster of <paramref name="silos"/> silos on the real PostgreSQL journal, created per test because
/// the tests stop, kill and add silos. Membership is the testing host's in-process table: these tests are about
/// activations moving between silos; Redis membership with real processes is covered by <see cref="LocalClusterScriptTests"/>.
/// </summary>
public sealed class InProcessEntityCluster(short silos) : EntityClusterFixture
{
    /// <summary>The client library's gateway list refresh period (IvrStorageClientOptions' default), so the test client finds a new silo as the gateway and IVR.Server would.</summary>
    private static readonly TimeSpan GatewayListRefreshPeriod = new IvrStorageClientOptions().GatewayListRefreshPeriod;

    protected override short InitialSilos => silos;

    /// <summary>The client library's facade over the cluster's client: its retries for idempotent writes are part of what is tested.</summary>
    public IEntityStore Store { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Store = EntityStore.Create(Client, new IvrStorageClientOptions { Source = "silo-cluster-tests" });
    }

    /// <summary>
    /// Activations per silo of the entities of <paramref name="entityType"/>, from each silo's catalog (the simple
    /// statistics are process-wide counters: in one process every silo would report the same numbers).
    /// </summary>
    public async Task<IReadOnlyDictionary<SiloAddress, int>> EntityActivationsPerSiloAsync(string entityType)
    {
        var prefix = entityType + EntityKey.GrainKeySeparator;
        var activations = await Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return activations
            .Where(activation => activation.GrainId.Key.ToString()!.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(activation => activation.SiloAddress)
            .ToDictionary(silo => silo.Key, silo => silo.Count());
    }

    /// <summary>The running silo holding the most activations of <paramref name="entityType"/>: losing it moves the most entities.</summary>
    public async Task<InProcessSiloHandle> BusiestSiloAsync(string entityType)
    {
        var activations = await EntityActivationsPerSiloAsync(entityType);
        return Cluster.Silos.MaxBy(silo => activations.GetValueOrDefault(silo.SiloAddress))!;
    }

    // Activity propagation as in the client library (the silos have it from AddIvrStorageSilo), so a write's trace
    // crosses the silos.
    protected override void ConfigureClient(IClientBuilder client) =>
        client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
            .AddActivityPropagation();
}
