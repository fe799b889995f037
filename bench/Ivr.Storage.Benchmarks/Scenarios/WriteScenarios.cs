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
        await W1Load.ActivateAsync(context, "w1", adoNet: true);

        var raw = await W1Load.RawInsertAsync(context, "w1");
        var ours = await W1Load.PutAsync(context, "w1", "put 1 KB, distinct entities, external client");
        var adoNet = await LoadRunner.RunAsync("Orleans ADO.NET grain storage write", concurrency, context.Options.Duration,
            (caller, sequence) => context.Session.Client.GetGrain<IAdoNetBaselineGrain>(W1Load.Id(context, "w1", caller, (int)(sequence % perCaller))).Write(Payloads.OneKilobyte(caller, sequence)),
            cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);

        // The read-model projection in the same database competes for the same cores: measured apart, once it has
        // caught up with everything written so far.
        var catchUp = await context.Session.Projection.StartAndWaitAsync();
        var withProjection = await W1Load.PutAsync(context, "w1", "same, read-model projection running", run: "-projection");

        return
        [
            Throughput("W1", "writes vs raw INSERT", ours, raw, 1.5),
            Throughput("W1", "writes vs Orleans ADO.NET storage", ours, adoNet, 3.0),
            Throughput("W1", "writes with the projection vs raw INSERT", withProjection, raw, target: null,
                $"projection in the same PostgreSQL on the same cores (caught up with {catchUp.BacklogVersions:N0} versions first); production puts the read model on a server of its own"),
        ];
    }

    public static async Task<Comparison> RunW2Async(ScenarioContext context)
    {
        var id = context.Own("w2-hot");
        var hot = context.Entity(id);
        await hot.Put(Payloads.OneKilobyte(0, 0), ScenarioContext.Write($"{id}-warm"));
        var raw = await LoadRunner.RunAsync("raw INSERT 1 row, 1 connection", 1, context.Options.Duration,
            (_, sequence) => context.Session.Baseline.InsertAsync(id, sequence + 1, Payloads.OneKilobyte(0, sequence)), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        var ours = await LoadRunner.RunAsync("put 1 KB, one hot entity, sequential", 1, context.Options.Duration,
            (_, sequence) => hot.Put(Payloads.OneKilobyte(0, sequence), ScenarioContext.Write($"{id}-{sequence}")), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        return Throughput("W2", "hot entity vs raw INSERT", ours, raw, 0.8);
    }

    /// <summary>Ours ÷ baseline throughput, held to <paramref name="target"/> (none: reported only).</summary>
    internal static Comparison Throughput(string id, string scenario, Measurement ours, Measurement baseline, double? target, string? note = null)
    {
        var ratio = baseline.PerSecond > 0 ? ours.PerSecond / baseline.PerSecond : 0;
        return new Comparison(id, scenario, ours, baseline, "throughput ratio", ratio, target is { } t ? $">= {t:0.0#}x" : "none", target is { } met ? ratio >= met : null, note);
    }
}
