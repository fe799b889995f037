using System.Globalization;
using Ivr.Storage.Benchmarks.Harness;
using Ivr.Storage.Benchmarks.Scenarios;

namespace Ivr.Storage.Benchmarks;

/// <summary>
/// Runs the chosen scenarios in one session, <see cref="BenchOptions.Repeat"/> times in rotated order, each from a
/// drained start (<see cref="DrainedStart"/>), and reports every run and the spread over the rounds.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var chosen = ScenarioCatalog.Select(options.Scenarios);
        var runs = new List<ScenarioRun>();
        string database;
        await using (var session = await BenchSession.StartAsync())
        {
            database = session.Database.Name;
            for (var round = 0; round < options.Repeat; round++)
            {
                foreach (var scenario in ScenarioCatalog.Rotated(chosen, round))
                {
                    Console.Error.WriteLine($"round {round + 1}/{options.Repeat}: {scenario.Id}: draining");
                    var drain = await DrainedStart.PrepareAsync(session, scenario.Projection);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var results = await scenario.Run(new ScenarioContext(session, options, round));
                    var run = new ScenarioRun(round, scenario.Id, drain, results, clock.Elapsed.TotalSeconds);
                    runs.Add(run);
                    // Each run as soon as it is done: a long run shows its figures on the way.
                    Console.WriteLine(ResultReport.ToTable(run));
                }
            }
        }

        var spread = SpreadRow.Summarize(runs);
        Console.WriteLine();
        Console.WriteLine($"Spread over {options.Repeat} round(s), order rotated each round (ratio, ours ops/s, ours p99 and baseline ops/s as min/median/max):");
        Console.WriteLine(ResultReport.ToSpreadTable(spread));
        await ResultReport.WriteJsonAsync(options.OutputPath, runs, spread, new Dictionary<string, string>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["loadAverage"] = MachineLoad.LoadAverage(),
            ["durationSeconds"] = options.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["warmUpSeconds"] = options.WarmUp.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["concurrency"] = options.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["repeat"] = options.Repeat.ToString(CultureInfo.InvariantCulture),
            ["scenarios"] = string.Join(",", chosen.Select(s => s.Id)),
            ["smoke"] = options.Smoke.ToString(),
            ["database"] = database,
        });
        Console.WriteLine($"JSON: {Path.GetFullPath(options.OutputPath)}   load average at the end: {MachineLoad.LoadAverage()}");
        return 0;
    }
}
