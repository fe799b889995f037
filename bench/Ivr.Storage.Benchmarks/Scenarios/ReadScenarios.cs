using Ivr.Storage.Benchmarks.Harness;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>R1: current-state reads of active entities beside raw primary-key SELECTs of the same rows, on data of its own.</summary>
internal static class ReadScenarios
{
    public static async Task<IReadOnlyList<Comparison>> RunR1Async(ScenarioContext context)
    {
        await W1Load.ActivateAsync(context, "r1");
        await W1Load.InsertRawAsync(context, "r1");
        var raw = await W1Load.RawSelectAsync(context, "r1");
        var ours = await W1Load.GetAsync(context, "r1", "get current state, active entities");
        return [WriteScenarios.Throughput("R1", "reads vs raw SELECT", ours, raw, 3.0)];
    }
}
