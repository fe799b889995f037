using Ivr.Storage.Journal;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ivr.Storage.Messaging.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerRestartCollection
{
    /// <summary>Restarting the broker drops every test's connections: these run alone.</summary>
    public const string Name = "broker restarts";
}

/// <summary>The broker restarts while versions are being written: afterwards every one of them was published, in per-entity order.</summary>
[Collection(BrokerRestartCollection.Name)]
public sealed class BrokerRestartTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task a_broker_restart_under_load_loses_no_version_and_keeps_per_entity_order()
    {
        await using var harness = await RelayHarness.StartAsync(durableQueue: true);
        var options = new MessagingOptions { FirstBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) };
        using var metrics = new RelayMetrics(harness.Journal.MeterFactory);
        var runner = new RelayRunner(harness.NewRelay(o => o.BatchSize = 50), harness.Broker, options, TimeProvider.System, NullLogger.Instance, metrics);
        using var stopping = new CancellationTokenSource();
        var running = Task.Run(() => runner.RunAsync(stopping.Token));
        var written = new List<JournalRecord>();
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            // A steady load, not as fast as the journal takes it: unpaced, a clean-clone run wrote 300,000 versions
            // around the restart, and draining them one basic.get at a time outlasted every bound.
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
            while (!writing.IsCancellationRequested && await pace.WaitForNextTickAsync())
            {
                var batch = await ChangeRelayTests.WriteAsync(harness.Journal.Journal, entities: 4, versions: 3);
                lock (written)
                {
                    written.AddRange(batch);
                }
            }
        });

        await Eventually.HoldsAsync(async () => (await harness.Queue.DrainAsync()).Count >= 24, Bound, () => "nothing was published before the restart");
        await LocalBroker.RestartAsync();
        var afterRestart = Count(written);
        await Eventually.HoldsAsync(() => Count(written) >= afterRestart + 24, Bound, () => "writes stopped after the restart");
        await writing.CancelAsync();
        await writer;

        var expected = written.Select(r => $"{r.Key}@{r.Version}").ToHashSet();
        await Eventually.HoldsAsync(
            async () => expected.IsSubsetOf((await harness.Queue.DrainAsync()).Select(m => m.BasicProperties.MessageId!)),
            Bound,
            () => $"{expected.Count - expected.Intersect(harness.Queue.Received.Select(m => m.BasicProperties.MessageId!)).Count()} of {expected.Count} versions never arrived");
        await stopping.CancelAsync();
        await running;
        harness.Queue.AssertFirstArrivalsInVersionOrder();
    }

    private static int Count(List<JournalRecord> written)
    {
        lock (written)
        {
            return written.Count;
        }
    }
}
