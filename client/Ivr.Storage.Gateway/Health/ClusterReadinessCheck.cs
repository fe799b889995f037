using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Gateway.Health;

/// <summary>
/// The gateway is ready when a grain answers through the cluster after reading the journal. Served at
/// <c>/health/ready</c> by the service defaults, which reuse a result for a moment, so a flood of probes is one
/// cluster call every couple of seconds.
/// </summary>
internal sealed class ClusterReadinessCheck(IEntityStore store) : IHealthCheck
{
    /// <summary>Verifying an entity reads the journal every time: the probe covers client, cluster and database.</summary>
    public static readonly EntityKey Probe = EntityKey.Create("ivr-health", "ready-probe");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.VerifyAsync(Probe, timeout.Token);
            return HealthCheckResult.Healthy("The cluster and its journal answer.");
        }
        catch (Exception exception) when (exception is StoreUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy("The storage cluster or its database did not answer.");
        }
    }
}
