using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// L1, write latency under an open-loop load (issue 24): puts at 1,000/s and at half of the machine's W1 capacity
/// (measured first, in the same run, as W1 measures it), with the read-model projection running, beside raw
/// single-row INSERTs at the same rate. Held to: our p99 at most 3 × the raw p99, and our slowest write at most
/// 10 × our median. Each run starts with the projection caught up and a CHECKPOINT; ours and raw alternate which
/// goes first. A stall watch samples the silo, this process and PostgreSQL meanwhile and says what was going on
/// around our slowest writes.
/// </summary>
internal static class LatencyScenario
{
    private const int Entities = 512;

    public static async Task<IReadOnlyList<Comparison>> RunL1Async(ScenarioContext context)
    {
        // The drained start left the projection stopped: capacity is W1's figure, projection off.
        await W1Load.ActivateAsync(context, "l1cap");
        var capacity = await W1Load.PutAsync(context, "l1cap", "capacity: W1 closed loop, projection off");
        await LoadRunner.RunAsync("warm-up", context.Options.Concurrency, TimeSpan.FromHours(1),
            (caller, sequence) => Ours(context, (caller * (Entities / context.Options.Concurrency)) + sequence, "warm"),
            maxOperationsPerCaller: Entities / context.Options.Concurrency);

        var results = new List<Comparison>();
        double[] rates = [context.Options.Smoke ? 100 : 1000, Math.Max(1, Math.Round(capacity.PerSecond / 2))];
        for (var i = 0; i < rates.Length; i++)
        {
            var rate = rates[i];
            var oursFirst = (context.Round + i) % 2 == 0;
            Measurement? ours = null, raw = null;
            IReadOnlyList<string> evidence = [];
            long backlog = 0;
            foreach (var side in oursFirst ? new[] { true, false } : [false, true])
            {
                backlog += (await context.Session.Projection.StartAndWaitAsync()).BacklogVersions;
                await DrainedStart.CheckpointAsync(context.Session);
                if (side)
                {
                    await using var watch = StallWatch.Start(context.Session);
                    ours = await OpenLoop.RunAsync($"put 1 KB at {rate:0}/s, projection on", rate, context.Options.Duration,
                        sequence => Ours(context, sequence, $"{i}-{sequence}"), context.Options.WarmUp);
                    evidence = watch.Explain(ours);
                }
                else
                {
                    raw = await OpenLoop.RunAsync($"raw INSERT 1 row at {rate:0}/s", rate, context.Options.Duration,
                        sequence => context.Session.Baseline.InsertAsync(context.Own($"l1raw-{i}-{sequence % Entities}"), (sequence / Entities) + 1, Payloads.OneKilobyte(0, sequence)),
                        context.Options.WarmUp);
                }
            }

            var setting = string.Create(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "fixed rate" : $"half of W1 capacity {capacity.PerSecond:0}/s")}; projection caught up with {backlog:N0} versions before the runs");
            var p99Ratio = ours!.P99Ms / raw!.P99Ms;
            var spikeRatio = ours.MaxMs / ours.P50Ms;
            results.Add(new Comparison("L1", $"write p99 vs raw INSERT p99 at {Label(i, rate)}", ours, raw, "p99 ratio", p99Ratio, "<= 3", p99Ratio <= 3, setting));
            results.Add(new Comparison("L1", $"write max ÷ p50 at {Label(i, rate)}", ours, raw, "max/p50", spikeRatio, "<= 10", spikeRatio <= 10,
                string.Create(CultureInfo.InvariantCulture, $"raw INSERT max ÷ p50 {raw.MaxMs / raw.P50Ms:0.0}"))
            {
                Evidence = evidence,
            });
        }

        return results;
    }

    // The second rate differs from round to round; the label stays the same so that repetitions line up.
    private static string Label(int rateIndex, double rate) =>
        rateIndex == 0 ? string.Create(CultureInfo.InvariantCulture, $"{rate:N0}/s") : "50 % of W1 capacity";

    private static Task Ours(ScenarioContext context, long sequence, string key) =>
        context.Entity(context.Own($"l1-{sequence % Entities}")).Put(Payloads.OneKilobyte(1, sequence), ScenarioContext.Write(context.Own($"l1-{key}")));
}
