namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// One comparison (same id and scenario) over every round: the spread of its ratio and of the figures behind it, and
/// in how many rounds its target was met.
/// </summary>
internal sealed record SpreadRow(
    string Id, string Scenario, int Runs, string RatioKind, string Target, int MetRuns, int JudgedRuns,
    MinMedianMax? Ratio, MinMedianMax OursPerSecond, MinMedianMax OursP50Ms, MinMedianMax OursP99Ms, MinMedianMax OursMaxMs, MinMedianMax? OursCpuMicroseconds,
    MinMedianMax? BaselinePerSecond, MinMedianMax? BaselineP99Ms, MinMedianMax? BaselineCpuMicroseconds)
{
    public static IReadOnlyList<SpreadRow> Summarize(IEnumerable<ScenarioRun> runs) =>
        runs.SelectMany(run => run.Results)
            .GroupBy(result => (result.Id, result.Scenario))
            .Select(group =>
            {
                var all = group.ToArray();
                return new SpreadRow(
                    group.Key.Id, group.Key.Scenario, all.Length, all[0].RatioKind, all[0].Target,
                    all.Count(r => r.Met == true), all.Count(r => r.Met is not null),
                    MinMedianMax.Of(all.Select(r => r.Ratio)),
                    MinMedianMax.Of(all.Select(r => (double?)r.Ours.PerSecond))!,
                    MinMedianMax.Of(all.Select(r => (double?)r.Ours.P50Ms))!,
                    MinMedianMax.Of(all.Select(r => (double?)r.Ours.P99Ms))!,
                    MinMedianMax.Of(all.Select(r => (double?)r.Ours.MaxMs))!,
                    MinMedianMax.Of(all.Select(r => r.Ours.CpuMicrosecondsPerOperation)),
                    MinMedianMax.Of(all.Select(r => r.Baseline?.PerSecond)),
                    MinMedianMax.Of(all.Select(r => r.Baseline?.P99Ms)),
                    MinMedianMax.Of(all.Select(r => r.Baseline?.CpuMicrosecondsPerOperation)));
            })
            .ToArray();
}
