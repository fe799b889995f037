using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Scenarios;

namespace Ivr.Storage.Benchmarks;

/// <summary>Runs the chosen scenarios in one session and reports them.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var results = new List<Comparison>();
        string database;
        await using (var session = await BenchSession.StartAsync())
        {
            database = session.Database.Name;
            var context = new ScenarioContext(session, options);
            // R1 reads what W1 wrote, so asking for R1 runs W1 too.
            if (options.Scenarios.Contains("W1") || options.Scenarios.Contains("R1"))
            {
                results.AddRange(await Report(WriteScenarios.RunW1Async(context)));
            }

            if (options.Scenarios.Contains("W2"))
            {
                results.Add(await Report(WriteScenarios.RunW2Async(context)));
            }

            if (options.Scenarios.Contains("R1"))
            {
                results.Add(await Report(ReadScenarios.RunR1Async(context)));
            }

            if (options.Scenarios.Contains("H1"))
            {
                results.Add(await Report(HistoryScenarios.RunH1Async(context)));
            }

            if (options.Scenarios.Contains("A1"))
            {
                results.Add(await Report(HistoryScenarios.RunA1Async(context)));
            }

            if (options.Scenarios.Contains("F1"))
            {
                results.Add(await Report(FeedScenarios.RunF1Async(context)));
            }

            if (options.Scenarios.Contains("G1"))
            {
                results.AddRange(await Report(GatewayScenarios.RunG1Async(context)));
            }

            if (options.Scenarios.Contains("RB"))
            {
                results.Add(await Report(FeedScenarios.RunRebuildAsync(context)));
            }

            if (options.Scenarios.Contains("M1"))
            {
                results.Add(await Report(MemoryScenario.RunM1Async(context)));
            }
        }

        Console.WriteLine();
        Console.WriteLine(ResultReport.ToTable(results));
        await ResultReport.WriteJsonAsync(options.OutputPath, results, new Dictionary<string, string>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["durationSeconds"] = options.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["concurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["smoke"] = options.Smoke.ToString(),
            ["database"] = database,
        });
        Console.WriteLine($"JSON: {Path.GetFullPath(options.OutputPath)}");
        return 0;
    }

    private static async Task<T> Report<T>(Task<T> scenario)
    {
        var result = await scenario;
        Console.WriteLine($"done: {(result is Comparison c ? c.Id : string.Join(", ", ((IEnumerable<Comparison>)result!).Select(x => x.Id)))}");
        return result;
    }
}
