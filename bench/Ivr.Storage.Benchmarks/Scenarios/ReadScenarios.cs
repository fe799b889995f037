using Ivr.Storage.Benchmarks.Harness;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>R1: current-state reads of active entities beside raw primary-key SELECTs. Runs after W1, whose entities it reads.</summary>
internal static class ReadScenarios
{
    public static async Task<Comparison> RunR1Async(ScenarioContext context)
    {
        var concurrency = context.Options.Concurrency;
        var perCaller = context.Options.EntitiesPerCaller;
        var raw = await LoadRunner.RunAsync($"raw primary-key SELECT, {concurrency} connections", concurrency, context.Options.Duration,
            (caller, sequence) => context.Session.Baseline.SelectAsync(WriteScenarios.W1Id(caller, (int)(sequence % perCaller)), 1), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        var ours = await LoadRunner.RunAsync("get current state, active entities", concurrency, context.Options.Duration,
            (caller, sequence) => context.Entity(WriteScenarios.W1Id(caller, (int)(sequence % perCaller))).GetCurrent(), cpu: context.Session.Cpu, warmUp: context.Options.WarmUp);
        return WriteScenarios.Throughput("R1", "reads vs raw SELECT", ours, raw, 3.0);
    }
}
