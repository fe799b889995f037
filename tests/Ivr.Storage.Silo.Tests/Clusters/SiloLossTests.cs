using Ivr.Storage.Contracts;
using Xunit.Abstractions;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// Three silos under a continuous write load on many entities lose one: entities keep being written and read, every
/// chain continues without a gap, and the journal holds exactly the acknowledged writes.
/// </summary>
[Collection(InProcessClusterCollection.Name)]
public sealed class SiloLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string EntityType = "silo-loss";
    private const int Writers = 8;
    private const int EntitiesPerWriter = 6;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(60);

    private readonly InProcessEntityCluster _cluster = new(silos: 3);
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task entities_keep_working_without_a_failed_write_when_a_silo_stops_gracefully_under_load()
    {
        await using var load = StartLoad(isRefusal: null);
        var moved = await WaitUntilEveryEntityIsActiveAsync(load);

        var beforeStop = load.AcknowledgedCount;
        await _cluster.Cluster.StopSiloAsync(moved);
        AssertWritesContinuedMeanwhile(load, beforeStop, "the silo stopped");
        await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 10 * Writers * EntitiesPerWriter, PhaseTimeout);
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0, $"no write failed ({load.Describe()}):\n{string.Join('\n', load.Failures.Take(10))}");
        await AssertEntitiesAreIntactAsync(load);
    }

    [Fact]
    public async Task entities_keep_working_when_a_silo_is_killed_under_load_and_no_acknowledged_write_is_lost()
    {
        await using var load = StartLoad(isRefusal: error => error is StoreUnavailableException);
        var killed = await WaitUntilEveryEntityIsActiveAsync(load);

        var beforeKill = load.AcknowledgedCount;
        await _cluster.Cluster.KillSiloAsync(killed);
        await _cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        var settled = load.Elapsed;
        AssertWritesContinuedMeanwhile(load, beforeKill, "the cluster noticed the killed silo");
        await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 10 * Writers * EntitiesPerWriter, PhaseTimeout);
        await load.StopAsync();

        Assert.True(load.Failures.Count == 0, $"no write failed for good ({load.Describe()}):\n{string.Join('\n', load.Failures.Take(10))}");
        // Calls in flight to the killed silo are lost: the client library waits out its response timeout (30 s) and
        // repeats them with their idempotency keys, so callers mostly see latency. When its retries or its circuit
        // breaker give up, a caller is refused (StoreUnavailableException) and repeats the write with the same key.
        // Once the cluster has settled, nothing is refused.
        output.WriteLine($"cluster settled at {settled:mm\\:ss\\.fff}; refusals: {string.Join("; ", load.Refused.Take(5))}");
        var late = load.Refused.Where(refusal => refusal.StartedAt > settled).ToList();
        Assert.True(late.Count == 0, $"no write was refused after the cluster settled at {settled:mm\\:ss\\.fff}:\n{string.Join('\n', late.Take(10))}");
        await AssertEntitiesAreIntactAsync(load);
    }

    private WriteLoad StartLoad(Func<Exception, bool>? isRefusal) => WriteLoad.Start(
        Writers,
        (writer, sequence) => $"{_run}-{writer}-{sequence % EntitiesPerWriter}",
        StoreWrites.Put(_cluster.Store, EntityType),
        isRefusal);

    /// <summary>
    /// Waits until every entity was written a few times, so activations are spread over the silos, and returns the silo
    /// holding the most of them: the one whose loss moves the most entities.
    /// </summary>
    private async Task<Orleans.TestingHost.InProcessSiloHandle> WaitUntilEveryEntityIsActiveAsync(WriteLoad load)
    {
        await load.WaitForAcknowledgedAsync(3 * Writers * EntitiesPerWriter, PhaseTimeout);
        var silo = await _cluster.BusiestSiloAsync(EntityType);
        var activations = await _cluster.EntityActivationsPerSiloAsync(EntityType);
        output.WriteLine($"entity activations per silo: {string.Join(", ", activations)}; losing {silo.SiloAddress}");
        Assert.True(activations.GetValueOrDefault(silo.SiloAddress) > 0, $"the silo to lose holds entity activations: {string.Join(", ", activations)}");
        return silo;
    }

    /// <summary>The loss really happened under load: writes were acknowledged between the start of the loss and its end.</summary>
    private void AssertWritesContinuedMeanwhile(WriteLoad load, int before, string until)
    {
        var meanwhile = load.AcknowledgedCount - before;
        output.WriteLine($"{meanwhile} writes acknowledged until {until}");
        Assert.True(meanwhile > 0, $"writes were acknowledged until {until} ({load.Describe()})");
    }

    private async Task AssertEntitiesAreIntactAsync(WriteLoad load)
    {
        output.WriteLine(load.Describe());
        await JournalChains.AssertHoldExactlyAsync(EntityType, _run, load.Acknowledged);
        await LatestVersions.AssertReadBackAsync(load.Acknowledged, StoreWrites.Get(_cluster.Store, EntityType));
        foreach (var entityId in load.Acknowledged.Select(write => write.EntityId).Distinct())
        {
            var verification = await _cluster.Store.VerifyAsync(EntityKey.Create(EntityType, entityId));
            Assert.True(verification.IsValid, $"the hash chain written across the handover verifies: {verification}");
        }
    }
}
