using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>
/// One private PostgreSQL, Redis and three-silo cluster for every scenario of the collection: starting them costs
/// more than a short scenario. Scenarios reset by using entity types of their own and restore the silo count
/// before they start. Disposal kills every process the cluster started, whatever the tests did.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    private readonly List<string> _log = [];
    private FaultCluster? _cluster;

    public FaultCluster Cluster => _cluster ?? throw new InvalidOperationException("The fault cluster did not start.");

    /// <summary>The cluster's progress lines so far (start-up included), for a test's output.</summary>
    public IReadOnlyList<string> DrainLog()
    {
        lock (_log)
        {
            var lines = _log.ToList();
            _log.Clear();
            return lines;
        }
    }

    public async Task InitializeAsync() =>
        _cluster = await FaultCluster.StartAsync(new FaultClusterOptions
        {
            // The local broker (deploy/local/rabbitmq.sh) for the messaging scenarios; under CI a missing one fails loudly.
            Broker = new Uri(TestServices.RabbitMqConnectionString),
            Log = line =>
            {
                lock (_log)
                {
                    _log.Add($"{DateTime.UtcNow:HH:mm:ss} {line}");
                }
            },
        });

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
