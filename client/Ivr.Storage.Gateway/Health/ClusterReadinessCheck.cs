using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Gateway.Health;

/// <summary>The gateway is ready when a grain answers through the cluster after reading the journal.</summary>
internal sealed class ClusterReadinessCheck(IEntityStore store) : IHealthCheck
{
    /// <summary>Verifying an entity reads the journal every time: the probe covers client, cluster and database.</summary>
    private static readonly EntityKey Probe = EntityKey.Create("ivr-health", "ready-probe");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await ProbeAsync(store, cancellationToken)
            ? HealthCheckResult.Healthy("The cluster and its journal answer.")
            : HealthCheckResult.Unhealthy("The storage cluster or its database did not answer.");

    /// <summary>True when the probe answered within the timeout; false when the cluster is unavailable or slow.</summary>
    public static async Task<bool> ProbeAsync(IEntityStore store, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await store.VerifyAsync(Probe, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is StoreUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
