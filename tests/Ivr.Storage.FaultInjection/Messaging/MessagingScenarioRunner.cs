using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>
/// Runs one RabbitMQ fault scenario on a <see cref="FaultCluster"/> with messaging on: writers put versions of a type of
/// the scenario's own through the Orleans client (the relay publishes them), commands (and a few poison ones) go to the
/// command queue (the silos consume them), the fault strikes once both directions are seen moving, the silo count is
/// restored once the writers got <see cref="MessagingScenarioOptions.WritesAfterFault"/> writes acknowledged after the
/// fault (bounded), and once everything settled (bounded) <see cref="MessagingChecks"/> compares what the broker carried with the journal.
/// </summary>
public sealed partial class MessagingScenarioRunner(FaultCluster cluster, MessagingScenarioOptions options)
{
    private static readonly TimeSpan ProgressBound = TimeSpan.FromSeconds(60);
    private long _acknowledged;

    public async Task<MessagingScenarioResult> RunAsync(MessagingFault fault)
    {
        var topology = cluster.Messaging ?? throw new InvalidOperationException("The fault cluster runs without messaging (FaultClusterOptions.Broker).");
        await cluster.EnsureSilosAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var writeType = $"{MessagingTopology.TypePrefix}w{run}";
        var commandType = $"{MessagingTopology.TypePrefix}c{run}";
        string[] types = [writeType, commandType];
        await using var broker = await ScenarioBroker.OpenAsync(cluster.Broker, topology, types);
        await broker.WaitForCommandQueueAsync(ProgressBound);

        var loading = Stopwatch.StartNew();
        using var stopWriters = new CancellationTokenSource();
        var writers = Enumerable.Range(0, options.Writers).Select(writer => WriteAsync(writeType, writer, stopWriters.Token)).ToArray();
        var sending = SendCommandsAsync(broker, commandType, run);
        var note = await InjectAsync(fault, broker, commandType);
        var afterFault = await KeepLoadAsync(loading);
        var commands = await sending;
        await stopWriters.CancelAsync();
        await Task.WhenAll(writers);
        await cluster.EnsureSilosAsync();

        var settling = Stopwatch.StartNew();
        var mine = commands.Select(command => command.MessageId).ToHashSet();
        IReadOnlyList<JournalVersion> journal = [];
        var settled = await Eventually.TryAsync(
            async () =>
            {
                journal = await JournalVersion.ReadAsync(cluster.Postgres.AdminConnectionString, types);
                await broker.ReadDeadLettersAsync(mine);
                return MessagingChecks.Check(journal, broker.Changes, commands, broker.DeadLetters).Count == 0;
            },
            options.SettleBound,
            TimeSpan.FromMilliseconds(500));
        var violations = MessagingChecks.Check(journal, broker.Changes, commands, broker.DeadLetters);
        if (!settled && violations.Count == 0)
        {
            violations.Add($"not settled within {options.SettleBound}");
        }

        var received = broker.Changes.Count;
        var result = new MessagingScenarioResult(
            fault,
            $"{note}; {afterFault} writes acknowledged after it",
            journal.Count,
            received,
            received - broker.Changes.Select(change => change.MessageId).Distinct().Count(),
            commands.Count,
            journal.Count(row => row.CausationId is not null && mine.Contains(row.CausationId)),
            broker.DeadLetters.Count,
            settling.Elapsed,
            violations);
        cluster.Log(result.ToString());
        return result;
    }

    /// <summary>
    /// Keeps the writers writing until <see cref="MessagingScenarioOptions.WritesAfterFault"/> more writes were
    /// acknowledged and <see cref="MessagingScenarioOptions.Duration"/> has passed (bounded): counted writes, not time,
    /// so a slow machine still checks hundreds of versions across the fault window. Returns the writes acknowledged after the fault.
    /// </summary>
    private async Task<long> KeepLoadAsync(Stopwatch loading)
    {
        var atFault = Interlocked.Read(ref _acknowledged);
        await Eventually.HoldsAsync(
            () => Interlocked.Read(ref _acknowledged) - atFault >= options.WritesAfterFault && loading.Elapsed >= options.Duration,
            options.LoadBound + options.Duration,
            () => $"the writers got only {Interlocked.Read(ref _acknowledged) - atFault} of {options.WritesAfterFault} writes acknowledged after the fault within {options.LoadBound}");
        return Interlocked.Read(ref _acknowledged) - atFault;
    }

    /// <summary>Puts versions of a few entities until stopped; any failure is only an unknown outcome (the journal is the truth).</summary>
    private async Task WriteAsync(string type, int writer, CancellationToken stop)
    {
        var write = 0;
        // Request ids are unique across the suite's database (its checkers read every row): hence the scenario's type.
        while (!stop.IsCancellationRequested)
        {
            var key = EntityKey.Create(type, $"e{(writer + write) % 8}");
            var writeOptions = new WriteOptions { Provenance = new Provenance { Source = "fault-mq" }, IdempotencyKey = $"{type}-w{writer}-{write++}" };
            try
            {
                await cluster.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put($$"""{"writer":{{writer}},"n":{{write}}}""", writeOptions);
                Interlocked.Increment(ref _acknowledged);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A silo killed under the call, a timeout: whatever committed is in the journal, and must be published.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Sends the commands spread over the first half of the load, each confirmed by the broker: puts of ten entities,
    /// and every twentieth a poison one (bad JSON, no source header, a type the queue may not write).
    /// </summary>
    private async Task<List<SentCommand>> SendCommandsAsync(ScenarioBroker broker, string type, string run)
    {
        var sent = new List<SentCommand>();
        var pause = options.Duration / 2 / Math.Max(1, options.Commands);
        for (var i = 0; i < options.Commands; i++)
        {
            var messageId = $"cmd-{run}-{i}";
            var id = $"c{i % 10}";
            var poison = i % 20 == 19 ? (i / 20 % 3) : -1;
            var expected = poison switch
            {
                0 => "bad-json",
                1 => "bad-header",
                2 => "forbidden",
                _ => null,
            };
            await broker.SendAsync(
                messageId,
                poison == 2 ? "billing" : type,
                id,
                poison == 0 ? "{not json" : $$"""{"command":{{i}}}""",
                source: poison == 1 ? null : "fault-mq");
            sent.Add(new SentCommand(messageId, expected));
            await Task.Delay(pause);
        }

        return sent;
    }
}
