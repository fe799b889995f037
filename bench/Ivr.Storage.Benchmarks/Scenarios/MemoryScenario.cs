using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Silo;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>M1: managed memory per active entity grain holding a 1 KB payload.</summary>
internal static class MemoryScenario
{
    public static async Task<Comparison> RunM1Async(ScenarioContext context)
    {
        var count = context.Options.MemoryEntities;
        var probe = context.Session.Client.GetGrain<IBenchProbeGrain>(0);
        var before = await probe.CollectAndMeasureHeap();
        var perCaller = (count + context.Options.Concurrency - 1) / context.Options.Concurrency;
        var writes = await LoadRunner.RunAsync($"activate {count:N0} entities (put 1 KB)", context.Options.Concurrency, TimeSpan.FromHours(1),
            (caller, sequence) =>
            {
                var index = (caller * perCaller) + sequence;
                return index < count
                    ? context.Entity(context.Own($"m1-{index}")).Put(Payloads.OneKilobyte(caller, sequence), ScenarioContext.Write(context.Own($"m1-{index}")))
                    : Task.CompletedTask;
            },
            maxOperationsPerCaller: perCaller);
        var after = await probe.CollectAndMeasureHeap();

        var perGrain = (after - before) / (double)count;
        // The payload lives in the grain as a .NET string: two bytes per character of its canonical JSON.
        var payloadBytes = Payloads.OneKilobyte(0, 0).Length * 2;
        var overhead = perGrain - payloadBytes;
        return new Comparison("M1", "memory per active entity grain", writes, null, "bytes above payload", overhead, "<= 4096", overhead <= 4096,
            $"{perGrain:0} bytes per grain, payload {payloadBytes} bytes as UTF-16");
    }
}
