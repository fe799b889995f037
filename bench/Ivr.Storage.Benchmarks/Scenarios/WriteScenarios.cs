using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>W1 (many writers, distinct entities) and W2 (one hot entity), each beside raw INSERTs and Orleans ADO.NET storage.</summary>
internal static class WriteScenarios
{
    public static async Task<IReadOnlyList<Comparison>> RunW1Async(ScenarioContext context)
    {
        var concurrency = context.Options.Concurrency;
        var perCaller = context.Options.EntitiesPerCaller;
        var client = context.Session.Client;
        // Create and activate every entity (and baseline grain) first: W1 measures writes, not activations.
        await LoadRunner.RunAsync("warm-up", concurrency, TimeSpan.FromHours(1), async (caller, sequence) =>
        {
            var id = W1Id(caller, (int)sequence);
            await context.Entity(id).Put(Payloads.OneKilobyte(caller, 0), ScenarioContext.Write($"w1-warm-{id}"));
            await client.GetGrain<IAdoNetBaselineGrain>(id).Write(Payloads.OneKilobyte(caller, 0));
        }, maxOperationsPerCaller: perCaller);

        var raw = await LoadRunner.RunAsync($"raw INSERT 1 row, {concurrency} connections", concurrency, context.Options.Duration,
            (caller, sequence) => context.Session.Baseline.InsertAsync(W1Id(caller, (int)(sequence % perCaller)), (sequence / perCaller) + 1, Payloads.OneKilobyte(caller, sequence)), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        var ours = await LoadRunner.RunAsync("put 1 KB, distinct entities, external client", concurrency, context.Options.Duration,
            (caller, sequence) => context.Entity(W1Id(caller, (int)(sequence % perCaller))).Put(Payloads.OneKilobyte(caller, sequence), ScenarioContext.Write($"w1-{caller}-{sequence}")), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        var adoNet = await LoadRunner.RunAsync("Orleans ADO.NET grain storage write", concurrency, context.Options.Duration,
            (caller, sequence) => client.GetGrain<IAdoNetBaselineGrain>(W1Id(caller, (int)(sequence % perCaller))).Write(Payloads.OneKilobyte(caller, sequence)), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);

        // The read-model projection in the same database competes for the same cores: measured apart, once it has
        // caught up with everything written so far.
        await ProjectionCatchUp.StartAndWaitAsync(context);
        var withProjection = await LoadRunner.RunAsync("same, read-model projection running", concurrency, context.Options.Duration,
            (caller, sequence) => context.Entity(W1Id(caller, (int)(sequence % perCaller))).Put(Payloads.OneKilobyte(caller, sequence), ScenarioContext.Write($"w1p-{caller}-{sequence}")), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);

        return
        [
            Throughput("W1", "writes vs raw INSERT", ours, raw, 1.5),
            Throughput("W1", "writes vs Orleans ADO.NET storage", ours, adoNet, 3.0),
            Throughput("W1", "writes with the projection vs raw INSERT", withProjection, raw, target: null,
                "projection in the same PostgreSQL on the same cores; production puts the read model on a server of its own"),
        ];
    }

    public static async Task<Comparison> RunW2Async(ScenarioContext context)
    {
        var hot = context.Entity("w2-hot");
        await hot.Put(Payloads.OneKilobyte(0, 0), ScenarioContext.Write("w2-warm"));
        var raw = await LoadRunner.RunAsync("raw INSERT 1 row, 1 connection", 1, context.Options.Duration,
            (_, sequence) => context.Session.Baseline.InsertAsync("w2-hot", sequence + 1, Payloads.OneKilobyte(0, sequence)), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        var ours = await LoadRunner.RunAsync("put 1 KB, one hot entity, sequential", 1, context.Options.Duration,
            (_, sequence) => hot.Put(Payloads.OneKilobyte(0, sequence), ScenarioContext.Write($"w2-{sequence}")), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        return Throughput("W2", "hot entity vs raw INSERT", ours, raw, 0.8);
    }

    internal static string W1Id(int caller, int entity) => $"w1-{caller}-{entity}";

    /// <summary>Ours ÷ baseline throughput, held to <paramref name="target"/> (none: reported only).</summary>
    internal static Comparison Throughput(string id, string scenario, Measurement ours, Measurement baseline, double? target, string? note = null)
    {
        var ratio = baseline.PerSecond > 0 ? ours.PerSecond / baseline.PerSecond : 0;
        return new Comparison(id, scenario, ours, baseline, "throughput ratio", ratio, target is { } t ? $">= {t:0.0#}x" : "none", target is { } met ? ratio >= met : null, note);
    }
}
