using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Prints the results as one table and writes them as JSON.</summary>
internal static class ResultReport
{
    public static string ToTable(IReadOnlyList<Comparison> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"id",-4} {"run",-44} {"conc",4} {"ops",9} {"ops/s",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"cpu us/op",9} {"(gen/silo/pg)",15}");
        foreach (var result in results)
        {
            Row(text, result.Id, result.Ours);
            if (result.Baseline is { } baseline)
            {
                Row(text, "", baseline);
            }

            var ratio = result.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            var verdict = result.Met switch { true => "MET", false => "NOT MET", null => "reported" };
            text.AppendLine(CultureInfo.InvariantCulture, $"     => {result.RatioKind} = {ratio}  target {result.Target}: {verdict}{(result.Note is null ? "" : "  (" + result.Note + ")")}");
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<Comparison> results, IReadOnlyDictionary<string, string> context)
    {
        var document = new { context, results };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void Row(StringBuilder text, string id, Measurement m) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{id,-4} {Truncate(m.Name, 44),-44} {m.Concurrency,4} {m.Operations,9} {m.PerSecond,10:0} {m.P50Ms,8:0.00} {m.P99Ms,8:0.00} {m.MaxMs,8:0.0} {(m.CpuMicrosecondsPerOperation is { } cpu ? cpu.ToString("0", CultureInfo.InvariantCulture) : "-"),9} {Split(m.CpuSplitPerOperation),15}");

    private static string Split(CpuSplit? split) =>
        split is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{split.LoadGenerator:0}/{split.Silo:0}/{split.Database:0}");

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
