using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Silo.Hosting.Health;

/// <summary>
/// Readiness: this silo is an active member of its cluster. It is not while it joins, and it stops being one as soon
/// as a graceful shutdown begins, so an orchestrator sees the silo leave before the process ends.
/// </summary>
internal sealed class SiloStatusReadinessCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is an active cluster member.")
            : new HealthCheckResult(context.Registration.FailureStatus, $"The silo is {status}, not active."));
    }
}
