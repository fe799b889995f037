using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.ServiceDefaults.Health;

/// <summary>
/// Runs the check it wraps at most once per <paramref name="duration"/>: probes arriving while a run is in flight
/// wait for that run, probes after it get its result until it is <paramref name="duration"/> old. The readiness
/// endpoint is anonymous; without this, each request would open a database connection (or call the cluster), and a
/// flood of requests would turn into a flood on the database. Failures are kept as long as successes.
/// </summary>
internal sealed class CachedHealthCheck(Func<IHealthCheck> create, TimeSpan duration, TimeProvider clock) : IHealthCheck
{
    private readonly Lock _lock = new();
    private Task<HealthCheckResult>? _run;
    private long _finishedAt;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<HealthCheckResult> run;
        lock (_lock)
        {
            if (_run is null || (_run.IsCompleted && clock.GetElapsedTime(Volatile.Read(ref _finishedAt)) >= duration))
            {
                // Not the caller's token: the run is shared, and one impatient caller must not cancel it for the others.
                _run = Task.Run(() => RunAsync(context));
            }

            run = _run;
        }

        return run.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> RunAsync(HealthCheckContext context)
    {
        var limit = context.Registration.Timeout;
        using var timeout = limit > TimeSpan.Zero ? new CancellationTokenSource(limit, clock) : new CancellationTokenSource();
        try
        {
            return await create().CheckHealthAsync(context, timeout.Token);
        }
        finally
        {
            Volatile.Write(ref _finishedAt, clock.GetTimestamp());
        }
    }
}
