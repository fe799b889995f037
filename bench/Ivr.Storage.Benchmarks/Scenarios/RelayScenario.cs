using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// MQ1, the RabbitMQ change relay (issue 20): W1's writes through the run's silo (no relay) and through a second silo
/// of its own whose relay publishes every version to an exchange of the run's own, the order flipping from round to
/// round as in T1. Reports W1-with-relay ÷ W1, the relay's publish rate while the writers wrote and the lag p99
/// (commit → arrival at a consumer of the exchange; target &lt; 1 s), and the relay silo's CPU per message. Then the
/// same puts as command messages through the relaying silo's command queue, each waiting for its reply, beside the
/// same puts through the Orleans client: the ratio, and command → commit → reply p99.
/// </summary>
internal static class RelayScenario
{
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(120);

    public static async Task<IReadOnlyList<Comparison>> RunMQ1Async(ScenarioContext context)
    {
        var exchange = $"ivr.bench.{Guid.NewGuid():N}.changes";
        await using var relaySession = await BenchSession.StartAsync(context.Session.Tls, relayExchange: exchange);
        await using var observer = await RelayObserver.OpenAsync(exchange);
        try
        {
            return await MeasureAsync(context, relaySession, observer, exchange);
        }
        finally
        {
            await observer.DeleteTopologyAsync(exchange);
        }
    }

    private static async Task<IReadOnlyList<Comparison>> MeasureAsync(ScenarioContext context, BenchSession relaySession, RelayObserver observer, string exchange)
    {
        var plain = context;
        var relayed = context.With(relaySession);
        await DrainedStart.CheckpointAsync(relaySession);
        await W1Load.ActivateAsync(plain, "mq1");
        await W1Load.ActivateAsync(relayed, "mq1");
        // The warm-up's versions must be published before the measured writes, or their backlog would count as lag.
        await WaitForAsync(observer, context.Options.Concurrency * context.Options.EntitiesPerCaller);

        Measurement withoutRelay;
        Measurement withRelay;
        if (context.Round % 2 == 0)
        {
            withoutRelay = await W1Load.PutAsync(plain, "mq1", "put 1 KB, distinct entities, no relay");
            observer.Reset();
            withRelay = await W1Load.PutAsync(relayed, "mq1", "same, relay publishing every version");
        }
        else
        {
            observer.Reset();
            withRelay = await W1Load.PutAsync(relayed, "mq1", "same, relay publishing every version");
            withoutRelay = await W1Load.PutAsync(plain, "mq1", "put 1 KB, distinct entities, no relay");
        }

        // Every write of the relayed run (warm-up included) is published once; wait for them all, bounded.
        await using var count = relaySession.Owner.CreateCommand("SELECT count(*) FROM ivr.journal WHERE entity_type = 'bench'");
        var published = await count.ExecuteScalarAsync();
        await WaitForAsync(observer, Convert.ToInt32(published, CultureInfo.InvariantCulture) - (context.Options.Concurrency * context.Options.EntitiesPerCaller));
        var relay = observer.Measure("relay: messages published and delivered") with { CpuMicrosecondsPerOperation = withRelay.CpuMicrosecondsPerOperation };
        var ratio = withoutRelay.PerSecond > 0 ? withRelay.PerSecond / withoutRelay.PerSecond : 0;
        var (commands, client) = await CommandsAsync(context.With(relaySession), exchange);
        var cpu = withRelay.CpuMicrosecondsPerOperation is { } on && withoutRelay.CpuMicrosecondsPerOperation is { } off ? on - off : (double?)null;
        return
        [
            new Comparison("MQ1", "writes (W1): with relay ÷ without", withRelay, withoutRelay, "throughput ratio", ratio, "reported", null,
                string.Create(CultureInfo.InvariantCulture, $"CPU per write with relay {withRelay.CpuMicrosecondsPerOperation:0} µs, without {withoutRelay.CpuMicrosecondsPerOperation:0} µs (difference {cpu:0} µs: the relay's CPU per message, silo and PostgreSQL)")),
            new Comparison("MQ1", "relay lag p99 (commit → delivered)", relay, withRelay, "messages/s ÷ writes/s", withRelay.PerSecond > 0 ? relay.PerSecond / withRelay.PerSecond : 0, "p99 < 1000 ms", relay.P99Ms < 1000,
                string.Create(CultureInfo.InvariantCulture, $"{relay.Operations} messages at {relay.PerSecond:0}/s, lag p50 {relay.P50Ms:0} ms, p99 {relay.P99Ms:0} ms, max {relay.MaxMs:0} ms")),
            new Comparison("MQ1", "commands through the queue ÷ Orleans client", commands, client, "throughput ratio", client.PerSecond > 0 ? commands.PerSecond / client.PerSecond : 0, "reported", null,
                string.Create(CultureInfo.InvariantCulture, $"command → commit → reply p50 {commands.P50Ms:0} ms, p99 {commands.P99Ms:0} ms; the client's put p99 {client.P99Ms:0} ms; the silo applies 8 commands at once (Messaging:Commands:Concurrency)")),
        ];
    }

    /// <summary>The same puts as command messages (each awaiting its reply) and through the Orleans client, in the order of the round.</summary>
    private static async Task<(Measurement Commands, Measurement Client)> CommandsAsync(ScenarioContext relayed, string exchange)
    {
        await using var caller = await CommandCaller.OpenAsync(exchange + ".commands");
        await caller.WaitForQueueAsync();
        var perCaller = relayed.Options.EntitiesPerCaller;
        var run = Guid.NewGuid().ToString("N")[..8];
        Task<Measurement> Commands() => LoadRunner.RunAsync("put 1 KB through the command queue, awaiting the reply", relayed.Options.Concurrency, relayed.Options.Duration,
            (c, sequence) => caller.PutAsync($"mq1c-{run}-{c}-{sequence}", W1Load.Id(relayed, "mq1", c, (int)(sequence % perCaller)), Payloads.OneKilobyte(c, sequence)),
            cpu: relayed.Session.Cpu, warmUp: relayed.Options.WarmUp);
        Task<Measurement> Client() => W1Load.PutAsync(relayed, "mq1k", "same puts through the Orleans client");
        await W1Load.ActivateAsync(relayed, "mq1k");
        if (relayed.Round % 2 == 0)
        {
            var commands = await Commands();
            return (commands, await Client());
        }

        var client = await Client();
        return (await Commands(), client);
    }

    private static async Task WaitForAsync(RelayObserver observer, int messages)
    {
        if (!await Eventually.TryAsync(() => observer.Received >= messages, DrainBound, TimeSpan.FromMilliseconds(100)))
        {
            throw new TimeoutException($"The relay delivered {observer.Received} of {messages} messages within {DrainBound}.");
        }
    }
}
