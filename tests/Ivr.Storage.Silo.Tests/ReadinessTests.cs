using System.Net;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// <c>/health/ready</c> of a real silo process follows PostgreSQL's reachability. The shared PostgreSQL is never
/// stopped: the silo reaches it through a forwarder of this test, and only that forwarder is cut.
/// </summary>
public sealed class ReadinessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task readiness_is_healthy_with_services_up_turns_unhealthy_when_postgres_is_cut_and_recovers_without_restart()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var (forwarder, journalThroughForwarder) = ServiceForwarders.ForJournal();
        await using var forwarding = forwarder;

        var clusterId = "ready-test-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(clusterId, portOffset: SiloPorts.NextOffset(), new Dictionary<string, string>
        {
            ["ConnectionStrings__Journal"] = journalThroughForwarder,
        });
        await silo.WaitUntilListeningAsync(StartTimeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = $"http://127.0.0.1:{silo.ManagementPort}/health/ready";
        var alive = $"http://127.0.0.1:{silo.ManagementPort}/alive";

        var healthy = await HttpProbe.WaitForStatusAsync(http, ready, HttpStatusCode.OK, StartTimeout, () => silo.Output);
        Assert.Contains("\"postgresql\":{\"status\":\"Healthy\"", healthy, StringComparison.Ordinal);
        Assert.Contains("\"redis\":{\"status\":\"Healthy\"", healthy, StringComparison.Ordinal);
        Assert.Contains("\"silo\":{\"status\":\"Healthy\"", healthy, StringComparison.Ordinal);
        // The read model's lag is shown, never failing readiness (Healthy or Degraded are both 200).
        Assert.Contains("\"read-model\":{\"status\":", healthy, StringComparison.Ordinal);
        Assert.Contains("changes pending", healthy, StringComparison.Ordinal);
        Assert.True(forwarder.ForwardedConnections > 0, "the silo's PostgreSQL connections go through the forwarder");

        forwarder.Cut();
        var unhealthy = await HttpProbe.WaitForStatusAsync(http, ready, HttpStatusCode.ServiceUnavailable, TurnTimeout, () => silo.Output);
        Assert.Contains("\"postgresql\":{\"status\":\"Unhealthy\"", unhealthy, StringComparison.Ordinal);
        Assert.Contains("\"redis\":{\"status\":\"Healthy\"", unhealthy, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(journalThroughForwarder).Password!, unhealthy, StringComparison.Ordinal);
        // Liveness ignores dependencies: an outage must not get the pod restarted.
        await HttpProbe.WaitForStatusAsync(http, alive, HttpStatusCode.OK, TurnTimeout, () => silo.Output);

        forwarder.Restore();
        await HttpProbe.WaitForStatusAsync(http, ready, HttpStatusCode.OK, TurnTimeout, () => silo.Output);
        Assert.False(silo.HasExited, "the silo recovered without a restart");

        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
    }
}
