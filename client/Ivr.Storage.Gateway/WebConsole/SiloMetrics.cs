using System.Globalization;
using System.Text.RegularExpressions;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>
/// What the Health page reads from a silo's Prometheus endpoint: the group-commit batch-size histogram
/// (<c>ivr.journal.batch.size</c>) and each RabbitMQ relay's lag (<c>ivr.relay.lag</c>, tagged <c>relay</c>).
/// </summary>
internal static partial class SiloMetrics
{
    public const string ClientName = "console-silo-metrics";

    private const string BatchPrefix = "ivr_journal_batch_size";
    private const string RelayLagName = "ivr_relay_lag_seconds";

    /// <summary>The silo's metrics text, or a note saying why there is none.</summary>
    public static async Task<(string? Text, string? Note)> ScrapeAsync(IHttpClientFactory clients, string? metricsUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(metricsUrl))
        {
            return (null, "Console:SiloMetricsUrl is not set: batch sizes and relay lag come from a silo's /metrics.");
        }

        try
        {
            return (await clients.CreateClient(ClientName).GetStringAsync(new Uri(metricsUrl), cancellationToken), null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (null, $"The silo's metrics at {metricsUrl} did not answer ({exception.GetType().Name}).");
        }
    }

    public static (IReadOnlyList<(string Label, string Value)> Rows, string? Note) BatchSizes(string text)
    {
        var values = Samples(text)
            .Where(sample => sample.Name.StartsWith(BatchPrefix, StringComparison.Ordinal) && !sample.Name.EndsWith("_bucket", StringComparison.Ordinal))
            .ToList();
        var sum = values.Where(v => v.Name.EndsWith("_sum", StringComparison.Ordinal)).Sum(v => v.Value);
        var count = values.Where(v => v.Name.EndsWith("_count", StringComparison.Ordinal)).Sum(v => v.Value);
        if (count == 0)
        {
            return ([], "No group commit has run on that silo yet.");
        }

        return ([("Group commits", count.ToString("0", CultureInfo.InvariantCulture)),
            ("Appends written", sum.ToString("0", CultureInfo.InvariantCulture)),
            ("Mean batch size", (sum / count).ToString("0.0", CultureInfo.InvariantCulture))], null);
    }

    /// <summary>Each relay's lag in seconds (commit to broker confirm of its last batch; 0 when caught up), by name.</summary>
    public static (IReadOnlyList<(string Relay, string Lag)> Rows, string? Note) RelayLags(string text)
    {
        var rows = Samples(text)
            .Where(sample => sample.Name == RelayLagName && RelayLabel().Match(sample.Labels) is { Success: true })
            .Select(sample => (Relay: RelayLabel().Match(sample.Labels).Groups["name"].Value, Lag: sample.Value.ToString("0.000 s", CultureInfo.InvariantCulture)))
            .OrderBy(row => row.Relay, StringComparer.Ordinal)
            .ToList();
        return rows.Count == 0 ? ([], "No relay has published from that silo yet (or none is configured: Messaging:Relays).") : (rows, null);
    }

    // One sample line of the text format: name{labels} value [timestamp]. Comments (# HELP, # TYPE) are skipped.
    private static IEnumerable<(string Name, string Labels, double Value)> Samples(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (SampleLine().Match(line) is { Success: true } match
                && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (match.Groups["name"].Value, match.Groups["labels"].Value, value);
            }
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?:^|,)relay="(?<name>[^"]*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex RelayLabel();
}
