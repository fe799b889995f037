using Ivr.Storage.Client;
using Ivr.Storage.Gateway.WebConsole.Components;
using Ivr.Storage.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// Health: what <c>/health/ready</c> says now (the gateway's checks, run fresh), the silos the cluster lists, the feed
/// horizon against the read model, the group-commit batch sizes and each RabbitMQ relay's lag from a silo's metrics (when configured), and links.
/// </summary>
internal static class HealthEndpoints
{
    public static async Task<IResult> PageAsync(
        HttpContext context,
        HealthCheckService health,
        IClusterClient cluster,
        IChangeFeed feed,
        IReadModel readModel,
        IOptions<ConsoleOptions> options,
        IHttpClientFactory httpClients,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ServiceDefaultsExtensions.ReadyTag), cancellationToken);
        var (metrics, metricsNote) = await SiloMetrics.ScrapeAsync(httpClients, options.Value.SiloMetricsUrl, cancellationToken);
        var view = new HealthView
        {
            Ready = report.Status,
            Checks = [.. report.Entries.Select(entry => (entry.Key, entry.Value.Status, entry.Value.Description ?? string.Empty))],
            Silos = await SilosAsync(cluster),
            Feed = await FeedAsync(feed, readModel, cancellationToken),
            BatchSizes = metrics is null ? ([], metricsNote) : SiloMetrics.BatchSizes(metrics),
            RelayLags = metrics is null ? ([], metricsNote) : SiloMetrics.RelayLags(metrics),
            DashboardUrl = options.Value.DashboardUrl,
            MetricsUrl = options.Value.MetricsUrl,
        };
        return ConsolePages.Page<HealthPage>(new Dictionary<string, object?>
        {
            [nameof(HealthPage.User)] = context.User.Identity?.Name,
            [nameof(HealthPage.View)] = view,
        });
    }

    /// <summary>The silos and their status, or why they cannot be listed (the cluster reserves this to administrators).</summary>
    private static async Task<(IReadOnlyList<(string Address, string Name, string Status)> Silos, string? Note)> SilosAsync(IClusterClient cluster)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
            return ([.. hosts.Select(host => (host.SiloAddress.ToString(), host.SiloName ?? string.Empty, host.Status.ToString()))], null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ([], $"The cluster did not list its silos to the gateway ({exception.GetType().Name}); the Orleans dashboard shows them.");
        }
    }

    private static async Task<LiveStatus?> FeedAsync(IChangeFeed feed, IReadModel readModel, CancellationToken cancellationToken)
    {
        try
        {
            return await LiveEndpoints.StatusOfAsync(feed, readModel, cancellationToken);
        }
        catch (Exception exception) when (exception is Contracts.StoreUnavailableException or Contracts.QueryTimeoutException)
        {
            return null;
        }
    }
}
