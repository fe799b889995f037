using System.Globalization;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Silo.Hosting.Health;

/// <summary>
/// Shows the read model's lag in readiness: the commit-to-projection delay of its last batch and how many committed
/// changes it has not applied yet (counted up to <see cref="PendingCap"/>). A lagging read model makes the silo
/// Degraded, never Unhealthy: writes and current-state reads do not depend on it.
/// </summary>
internal sealed class ReadModelLagCheck(IGrainFactory grains) : IHealthCheck
{
    private const int PendingCap = IChangeFeedGrain.MaxPageSize;
    private static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await grains.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState).GetStatus().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            var pending = (await grains.GetGrain<IChangeFeedGrain>(0).Read(status.Position, PendingCap).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken)).Changes.Count;
            var data = new Dictionary<string, object>
            {
                ["position"] = status.Position.ToString(),
                ["lagSeconds"] = Math.Round(status.LagSeconds, 3),
                ["pendingChanges"] = pending == PendingCap ? $"{PendingCap}+" : pending.ToString(CultureInfo.InvariantCulture),
            };
            var description = string.Create(CultureInfo.InvariantCulture, $"Read model at {status.Position}, last batch {status.LagSeconds:0.000} s after commit, {data["pendingChanges"]} changes pending.");
            return status.LagSeconds <= MaxLag.TotalSeconds && pending < PendingCap
                ? HealthCheckResult.Healthy(description, data)
                : HealthCheckResult.Degraded(description, data: data);
        }
        catch (Exception ex) when (ex is TimeoutException or StoreUnavailableException or OrleansException)
        {
            return HealthCheckResult.Degraded("The read model's position could not be read.");
        }
    }
}
