using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Prints each scenario run as a table, then the spread over the rounds, and writes everything as JSON.</summary>
internal static class ResultReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string ToTable(ScenarioRun run)
    {
        var text = new StringBuilder();
        var drain = run.Drain;
        text.AppendLine(Invariant, $"round {run.Round + 1}, {run.Scenario}: ran {run.Seconds:0} s after a drain of {drain.TotalSeconds:0.0} s (projection {(drain.Projection ? "on" : "off")}, caught up with {drain.BacklogVersions:N0} versions in {drain.CatchUpSeconds:0.0} s; {drain.ActivationsLeft:N0} activations left; VACUUM {drain.VacuumSeconds:0.0} s, CHECKPOINT {drain.CheckpointSeconds:0.0} s; load average {drain.LoadAverage})");
        text.AppendLine(Invariant, $"{"id",-4} {"run",-44} {"conc",4} {"ops",9} {"ops/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"cpu us/op",9} {"(gen/silo/pg)",15}");
        foreach (var result in run.Results)
        {
            Row(text, result.Id, result.Ours);
            if (result.Baseline is { } baseline)
            {
                Row(text, "", baseline);
            }

            var ratio = result.Ratio is { } r ? r.ToString("0.00", Invariant) : "n/a";
            var verdict = result.Met switch { true => "MET", false => "NOT MET", null => "reported" };
            text.AppendLine(Invariant, $"     => {result.RatioKind} = {ratio}  target {result.Target}: {verdict}{(result.Note is null ? "" : "  (" + result.Note + ")")}");
            foreach (var line in result.Evidence ?? [])
            {
                text.AppendLine(Invariant, $"        {line}");
            }
        }

        return text.ToString();
    }

    public static string ToSpreadTable(IReadOnlyList<SpreadRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{"id",-4} {"comparison",-52} {"n",2} {"ratio min/median/max",22} {"ours ops/s",20} {"ours p99 ms",20} {"base ops/s",20} {"cpu us/op ours|base",22} {"target",9} met");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant, $"{row.Id,-4} {Truncate(row.Scenario, 52),-52} {row.Runs,2} {Format(row.Ratio, "0.00"),22} {Format(row.OursPerSecond, "0"),20} {Format(row.OursP99Ms, "0.0"),20} {Format(row.BaselinePerSecond, "0"),20} {Cpu(row),22} {row.Target,9} {(row.JudgedRuns == 0 ? "reported" : $"{row.MetRuns} of {row.JudgedRuns}")}");
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<ScenarioRun> runs, IReadOnlyList<SpreadRow> spread, IReadOnlyDictionary<string, string> context)
    {
        var document = new { context, runs, spread };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Format(MinMedianMax? range, string format) =>
        range is null ? "-" : $"{range.Min.ToString(format, Invariant)}/{range.Median.ToString(format, Invariant)}/{range.Max.ToString(format, Invariant)}";

    private static string Cpu(SpreadRow row) =>
        $"{(row.OursCpuMicroseconds is { } ours ? ours.Median.ToString("0", Invariant) : "-")}|{(row.BaselineCpuMicroseconds is { } baseline ? baseline.Median.ToString("0", Invariant) : "-")}";

    private static void Row(StringBuilder text, string id, Measurement m) =>
        text.AppendLine(Invariant, $"{id,-4} {Truncate(m.Name, 44),-44} {m.Concurrency,4} {m.Operations,9} {m.PerSecond,10:0} {m.P50Ms,8:0.00} {m.P99Ms,8:0.00} {m.MaxMs,8:0.0} {(m.CpuMicrosecondsPerOperation is { } cpu ? cpu.ToString("0.0", Invariant) : "-"),9} {Split(m.CpuSplitPerOperation),15}");

    private static string Split(CpuSplit? split) =>
        split is null ? "" : string.Create(Invariant, $"{split.LoadGenerator:0}/{split.Silo:0}/{split.Database:0}");

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
