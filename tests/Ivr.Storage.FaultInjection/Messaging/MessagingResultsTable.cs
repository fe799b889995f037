using System.Globalization;
using System.Text;

namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>The results table of the RabbitMQ scenarios, as the console program prints it (and the README shows it).</summary>
public static class MessagingResultsTable
{
    public static string Format(IEnumerable<MessagingScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | versions committed | change messages | repeated message ids | commands | versions by commands | dead letters | settled after load | violations | verdict |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Fault.Name()} | {r.Committed} | {r.Received} | {r.Duplicates} | {r.Commands} | {r.CommandVersions} | {r.DeadLettered} | {r.Settled.TotalSeconds:F1} s | {r.Violations.Count} | {(r.Violations.Count == 0 ? "PASS" : "FAIL")} |");
        }

        return text.ToString();
    }

    /// <summary>What the fault was and the first violations, for the log.</summary>
    public static string Details(MessagingScenarioResult result, int maxViolations = 20)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"[{result.Fault.Name()}] {result}");
        foreach (var violation in result.Violations.Take(maxViolations))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ! {violation}");
        }

        return text.ToString();
    }
}
