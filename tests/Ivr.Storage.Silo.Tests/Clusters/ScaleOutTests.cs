using System.Diagnostics;
using Ivr.Storage.Testing;
using Xunit.Abstractions;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// A silo added to a loaded cluster takes its share of new work: entity activations appear on it while writes of new
/// entities continue, and no write fails on the way.
/// </summary>
[Collection(InProcessClusterCollection.Name)]
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string EntityType = "scale-out";
    private const int Writers = 8;

    // Enough to show placement really uses the new silo (a third of new activations is the fair share), with
    // margin for the time the client takes to see the new gateway.
    private const int ExpectedOnNewSilo = 30;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(60);

    private readonly InProcessEntityCluster _cluster = new(silos: 2);
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task a_silo_added_under_load_gets_new_entity_activations_and_no_write_fails()
    {
        // Every write creates an entity of its own: each is a new activation the cluster must place somewhere.
        await using var load = WriteLoad.Start(Writers, (writer, sequence) => $"{_run}-{writer}-{sequence}", StoreWrites.Put(_cluster.Store, EntityType));
        await load.WaitForAcknowledgedAsync(200, PhaseTimeout);

        var added = await _cluster.Cluster.StartAdditionalSiloAsync();
        var addedAt = load.AcknowledgedCount;
        var onNewSilo = 0;
        var waited = Stopwatch.StartNew();
        // Until the new silo holds enough, or a write failed (asserted below).
        await Eventually.TryAsync(
            async () =>
            {
                onNewSilo = (await _cluster.EntityActivationsPerSiloAsync(EntityType)).GetValueOrDefault(added.SiloAddress);
                return onNewSilo >= ExpectedOnNewSilo || load.Failures.Count > 0;
            },
            PhaseTimeout,
            TimeSpan.FromMilliseconds(250));

        await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 100, PhaseTimeout);
        await load.StopAsync();
        var activations = await _cluster.EntityActivationsPerSiloAsync(EntityType);
        output.WriteLine($"{onNewSilo} activations on the new silo after {waited.Elapsed.TotalSeconds:0.0} s; at the end per silo: {string.Join(", ", activations)}; {load.Describe()}");

        Assert.True(load.Failures.Count == 0, $"no write failed ({load.Describe()}):\n{string.Join('\n', load.Failures.Take(10))}");
        Assert.True(
            onNewSilo >= ExpectedOnNewSilo,
            $"the new silo {added.SiloAddress} holds {onNewSilo} entity activations {waited.Elapsed.TotalSeconds:0.0} s after it started " +
            $"({load.AcknowledgedCount - addedAt} entities written since); per silo: {string.Join(", ", activations)}");
        await JournalChains.AssertHoldExactlyAsync(EntityType, _run, load.Acknowledged);
    }
}
