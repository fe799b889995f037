using Ivr.Storage.ServiceDefaults.Health;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// The readiness checks themselves, against the real services behind a forwarder of the test: each reports the
/// outage and recovers by itself once the service is reachable again (no cached failure, no restart).
/// </summary>
public sealed class ReadinessCheckTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task postgres_check_is_healthy_unhealthy_while_cut_and_healthy_again_after_restore()
    {
        await TestServices.RequirePostgresAsync();
        var (forwarder, connectionString) = ServiceForwarders.ForJournal();
        await using (forwarder)
        {
            await using var check = new PostgresReadinessCheck(connectionString, Timeout);
            await AssertFollowsTheForwarderAsync(check, forwarder);
        }
    }

    [Fact]
    public async Task redis_check_is_healthy_unhealthy_while_cut_and_healthy_again_after_restore()
    {
        await TestServices.RequireRedisAsync();
        var (forwarder, options) = ServiceForwarders.ForRedis();
        await using (forwarder)
        {
            await using var check = new RedisReadinessCheck(options.Clone, Timeout);
            await AssertFollowsTheForwarderAsync(check, forwarder);
        }
    }

    [Fact]
    public async Task redis_check_reports_unhealthy_when_redis_was_never_reachable_and_recovers_when_it_appears()
    {
        await TestServices.RequireRedisAsync();
        var (forwarder, options) = ServiceForwarders.ForRedis();
        await using (forwarder)
        {
            // Unreachable from the first connection attempt on: the check must not stay stuck on that failure.
            forwarder.Cut();
            await using var check = new RedisReadinessCheck(options.Clone, Timeout);
            await AssertTurnsAsync(check, HealthStatus.Unhealthy);
            forwarder.Restore();
            await AssertTurnsAsync(check, HealthStatus.Healthy);
        }
    }

    private static async Task AssertFollowsTheForwarderAsync(IHealthCheck check, LoopbackTcpForwarder forwarder)
    {
        await AssertTurnsAsync(check, HealthStatus.Healthy);
        forwarder.Cut();
        await AssertTurnsAsync(check, HealthStatus.Unhealthy);
        forwarder.Restore();
        await AssertTurnsAsync(check, HealthStatus.Healthy);
    }

    /// <summary>Runs the check until it reports <paramref name="expected"/>, bounded; each run itself is bounded by the check's timeout.</summary>
    private static async Task AssertTurnsAsync(IHealthCheck check, HealthStatus expected)
    {
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("probe", check, HealthStatus.Unhealthy, null) };
        HealthCheckResult result = default;
        await Eventually.HoldsAsync(
            async () =>
            {
                using var limit = new CancellationTokenSource(Timeout * 5);
                result = await check.CheckHealthAsync(context, limit.Token);
                return result.Status == expected;
            },
            RecoveryLimit,
            () => $"the check did not report {expected}; last: {result.Status} {result.Description} {result.Exception?.Message}",
            TimeSpan.FromMilliseconds(250));
    }
}
