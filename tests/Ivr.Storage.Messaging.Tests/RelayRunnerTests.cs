using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>The relay's loop when the broker goes away: it backs off, the journal keeps committing, nothing is lost.</summary>
public sealed class RelayRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task while_the_broker_is_cut_off_writes_commit_the_relay_backs_off_and_afterwards_every_version_arrives()
    {
        var broker = new Uri(TestServices.RabbitMqConnectionString);
        await using var forwarder = new LoopbackTcpForwarder(broker.Host, broker.Port);
        var throughForwarder = new UriBuilder(broker) { Port = forwarder.Port }.Uri.ToString();
        await using var harness = await RelayHarness.StartAsync(brokerUri: throughForwarder);
        var options = new MessagingOptions { FirstBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) };
        var logger = new FakeLogger();
        using var metrics = new RelayMetrics(harness.Journal.MeterFactory);
        var runner = new RelayRunner(harness.NewRelay(), harness.Broker, options, TimeProvider.System, logger, metrics);
        using var stopping = new CancellationTokenSource();
        var running = Task.Run(() => runner.RunAsync(stopping.Token));

        var before = await ChangeRelayTests.WriteAsync(harness.Journal.Journal, entities: 3, versions: 3);
        await Eventually.HoldsAsync(async () => (await harness.Queue.DrainAsync()).Count >= before.Count, Bound, () => "the relay did not publish before the cut");

        forwarder.Cut();
        // The journal is the outbox: writes commit whatever the broker does (WriteAsync asserts each committed).
        var during = await ChangeRelayTests.WriteAsync(harness.Journal.Journal, entities: 3, versions: 3);
        await Eventually.HoldsAsync(() => logger.Collector.GetSnapshot().Any(r => r.Message.Contains("could not publish", StringComparison.Ordinal)), Bound, () => "the relay never met the cut");
        forwarder.Restore();

        var expected = before.Concat(during).Select(r => $"{r.Key}@{r.Version}").ToHashSet();
        await Eventually.HoldsAsync(
            async () => expected.IsSubsetOf((await harness.Queue.DrainAsync()).Select(m => m.BasicProperties.MessageId!)),
            Bound,
            () => $"{harness.Queue.Received.Select(m => m.BasicProperties.MessageId).Distinct().Count()} of {expected.Count} versions arrived after the broker came back");
        await stopping.CancelAsync();
        await running;

        harness.Queue.AssertFirstArrivalsInVersionOrder();
    }
}
