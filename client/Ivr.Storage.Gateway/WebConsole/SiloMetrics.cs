using System.Globalization;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>The group-commit batch-size histogram (<c>ivr.journal.batch.size</c>) as a silo's Prometheus endpoint exposes it.</summary>
internal static class SiloMetrics
{
    public const string ClientName = "console-silo-metrics";

    private const string Prefix = "ivr_journal_batch_size";

    public static async Task<(IReadOnlyList<(string Label, string Value)> Rows, string? Note)> BatchSizesAsync(
        IHttpClientFactory clients, string? metricsUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(metricsUrl))
        {
            return ([], "Console:SiloMetricsUrl is not set: batch sizes come from a silo's /metrics.");
        }

        string text;
        try
        {
            text = await clients.CreateClient(ClientName).GetStringAsync(new Uri(metricsUrl), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return ([], $"The silo's metrics at {metricsUrl} did not answer ({exception.GetType().Name}).");
        }

        var values = text.Split('\n')
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal) && !line.Contains("_bucket", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(parts => (Label: parts[0], Value: double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture)))
            .ToList();
        var sum = values.Where(v => v.Label.Contains("_sum", StringComparison.Ordinal)).Sum(v => v.Value);
        var count = values.Where(v => v.Label.Contains("_count", StringComparison.Ordinal)).Sum(v => v.Value);
        if (count == 0)
        {
            return ([], "No group commit has run on that silo yet.");
        }

        return ([("Group commits", count.ToString("0", CultureInfo.InvariantCulture)),
            ("Appends written", sum.ToString("0", CultureInfo.InvariantCulture)),
            ("Mean batch size", (sum / count).ToString("0.0", CultureInfo.InvariantCulture))], null);
    }
}
