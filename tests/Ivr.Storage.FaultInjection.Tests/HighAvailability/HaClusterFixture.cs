using Ivr.Storage.Testing.HighAvailability;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>The local HA topology (deploy/local/ha.sh), started afresh once for the collection; the tests leave it whole.</summary>
public sealed class HaClusterFixture : IAsyncLifetime
{
    private HaCluster? _cluster;

    public HaCluster Cluster => _cluster ?? throw new InvalidOperationException("The HA cluster has not started.");

    public async Task InitializeAsync() => _cluster = await HaCluster.StartFreshAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
