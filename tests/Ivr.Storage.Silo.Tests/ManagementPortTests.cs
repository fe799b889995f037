using System.Net;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// Issue 15, finding 8, on a real silo process: with <c>Management:Url</c> set (as every deployment sets it), the
/// probes and <c>/metrics</c> answer on the management port only; the silo's HTTP port (the dashboard) answers 404 for
/// them, also to a Host header naming the management port, and the management port serves no dashboard.
/// </summary>
public sealed class ManagementPortTests
{
    private static readonly string[] ManagementPaths = ["/alive", "/health/ready", "/metrics"];

    [Fact]
    public async Task probes_and_metrics_are_on_the_management_port_only()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        await using var silo = SiloProcess.Start("management-test-" + Guid.NewGuid().ToString("N")[..8], portOffset: SiloPorts.NextOffset());
        await silo.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var management = $"http://127.0.0.1:{silo.ManagementPort}";
        var dashboardPort = $"http://127.0.0.1:{silo.HttpPort}";
        await HttpProbe.WaitForStatusAsync(http, management + "/health/ready", HttpStatusCode.OK, TimeSpan.FromSeconds(60), () => silo.Output);

        foreach (var path in ManagementPaths)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(management + path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(dashboardPort + path)).StatusCode);
            using var forged = new HttpRequestMessage(HttpMethod.Get, dashboardPort + path);
            forged.Headers.Host = $"127.0.0.1:{silo.ManagementPort}";
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(forged)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(dashboardPort + "/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(management + "/dashboard/")).StatusCode);
        Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(60)));
    }
}
