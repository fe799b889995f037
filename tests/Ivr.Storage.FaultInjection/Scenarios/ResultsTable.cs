using System.Globalization;
using System.Text;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>The results table the console program prints (and tests write to their output).</summary>
public static class ResultsTable
{
    public static string Format(IEnumerable<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | issued | acknowledged | failed cleanly | unknown -> acked on retry | lost | duplicated | feed violations | other violations | journal rows | reads | recovery | read model | verdict |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var result in results)
        {
            var report = result.Report;
            var feed = report.Count(Checking.ViolationKind.FeedMismatch);
            var other = report.Violations.Count - report.Lost - report.Duplicated - feed;
            var recovery = Seconds(result.Recovery, "none");
            var readModel = Seconds(result.ReadModelConvergence, "diverged");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {result.Scenario.Name()} | {report.Issued} | {report.Acknowledged} | {report.FailedCleanly} | {report.Unknown} -> {report.UnknownThenAcknowledged} | {report.Lost} | {report.Duplicated} | {feed} | {other} | {report.JournalRows} | {report.Reads} | {recovery} | {readModel} | {(result.Passed ? "PASS" : "FAIL")} |");
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan? time, string otherwise) =>
        time is { } t ? t.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : otherwise;

    /// <summary>Notes and the first violations of each scenario, for the log.</summary>
    public static string Details(ScenarioResult result, int maxViolations = 20)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"[{result.Scenario.Name()}] entity type {result.EntityType}, {result.Elapsed.TotalSeconds:F1} s in all");
        var report = result.Report;
        text.AppendLine(CultureInfo.InvariantCulture, $"  - checked against the journal: {report.Reads} current-state reads, {report.HistoryPages} history pages ({report.HistoryPagesOverHttp} over HTTP) with {report.HistoryVersions} versions, {report.FollowedChanges} changes the feed followers were shown ({report.FollowedChangesOverHttp} over HTTP)");
        foreach (var note in result.Notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {note}");
        }

        foreach (var violation in result.Report.Violations.Take(maxViolations))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ! {violation}");
        }

        if (result.Report.Violations.Count > maxViolations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ! ... and {result.Report.Violations.Count - maxViolations} more");
        }

        return text.ToString();
    }
}
