using System.Diagnostics;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>H1 (writes on a long vs a short history) and A1 (first read of a deactivated entity with a long history).</summary>
internal static class HistoryScenarios
{
    public static async Task<Comparison> RunH1Async(ScenarioContext context)
    {
        var longKey = EntityKey.Create("bench", context.Own("h1-long"));
        var shortKey = EntityKey.Create("bench", context.Own("h1-short"));
        await TestChains.AppendAllAsync(context.Session.Journal, TestChains.Chain(longKey, context.Options.LongHistory));
        await TestChains.AppendAllAsync(context.Session.Journal, TestChains.Chain(shortKey, 10));
        var longGrain = context.Entity(longKey.Id);
        var shortGrain = context.Entity(shortKey.Id);
        await longGrain.GetCurrent();
        await shortGrain.GetCurrent();

        // Alternate the two so that drift on a shared machine hits both equally.
        var longLatencies = new List<double>();
        var shortLatencies = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < context.Options.HistoryWrites; i++)
        {
            longLatencies.Add(await TimeAsync(() => longGrain.Put(Payloads.OneKilobyte(1, i), ScenarioContext.Write($"{longKey.Id}-{i}"))));
            shortLatencies.Add(await TimeAsync(() => shortGrain.Put(Payloads.OneKilobyte(2, i), ScenarioContext.Write($"{shortKey.Id}-{i}"))));
        }

        var seconds = clock.Elapsed.TotalSeconds / 2;
        var ours = Measurement.FromLatencies($"put on an entity with {context.Options.LongHistory:N0} versions", 1, seconds, longLatencies);
        var baseline = Measurement.FromLatencies("put on an entity with 10 versions", 1, seconds, shortLatencies);
        var ratio = ours.P50Ms / baseline.P50Ms;
        return new Comparison("H1", "write latency, long vs short history", ours, baseline, "p50 ratio", ratio, "<= 1.1", ratio <= 1.1);
    }

    public static async Task<Comparison> RunA1Async(ScenarioContext context)
    {
        var count = context.Options.ColdEntities;
        var keys = Enumerable.Range(0, count).Select(i => EntityKey.Create("bench", context.Own($"a1-cold-{i}"))).ToArray();
        foreach (var key in keys)
        {
            await TestChains.AppendAllAsync(context.Session.Journal, TestChains.Chain(key, context.Options.LongHistory));
        }

        // The baseline reads the same head row by primary key from a table of equal shape, then makes one trivial grain call.
        var probe = context.Session.Client.GetGrain<IBenchProbeGrain>(0);
        await probe.Ping();
        for (var i = 0; i < count; i++)
        {
            await context.Session.Baseline.InsertAsync(keys[i].Id, context.Options.LongHistory, Payloads.OneKilobyte(i, 0));
        }

        var ours = new List<double>();
        var baseline = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var id = keys[i].Id;
            baseline.Add(await TimeAsync(async () =>
            {
                await context.Session.Baseline.SelectAsync(id, context.Options.LongHistory);
                await probe.Ping();
            }));
            ours.Add(await TimeAsync(() => context.Entity(id).GetCurrent()));
        }

        var seconds = clock.Elapsed.TotalSeconds / 2;
        var oursMeasurement = Measurement.FromLatencies($"first read, {context.Options.LongHistory:N0} versions, deactivated", 1, seconds, ours);
        var baselineMeasurement = Measurement.FromLatencies("raw PK SELECT + one grain call", 1, seconds, baseline);
        var ratio = oursMeasurement.P50Ms / baselineMeasurement.P50Ms;
        return new Comparison("A1", "cold read of a long history", oursMeasurement, baselineMeasurement, "p50 ratio", ratio, "<= 2.0", ratio <= 2.0, $"{count} entities");
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var started = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
