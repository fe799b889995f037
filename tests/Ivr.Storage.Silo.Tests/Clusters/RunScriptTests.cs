using System.Net;
using System.Net.Http.Headers;
using Ivr.Storage.Testing;
using Xunit.Abstractions;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// The README's run command for real: deploy/local/run.sh brings up a silo and the HTTP gateway, prints where to look,
/// serves a write and its read with the development key through the gateway, and Ctrl-C (SIGINT) stops both processes
/// and exits 130. Ports and cluster id are the test's own (run.sh's IVR_* overrides), so a developer's run.sh is not
/// disturbed.
/// </summary>
public sealed class RunScriptTests(ITestOutputHelper output)
{
    private const string DevelopmentKey = "dev-only-ivr-storage-key";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task run_sh_serves_the_gateway_with_the_development_key_and_ctrl_c_stops_it_with_exit_130()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        // Each run has a cluster id of its own: let Redis forget it. The read-model projection stays off: the suite's
        // other clusters project into the same database, and two projectors only fence each other.
        var settings = new Dictionary<string, string> { ["Orleans__RedisEntryExpiry"] = "00:10:00", ["ReadModel__Enabled"] = "false" };
        await using var ports = new LocalClusterScript(silos: 1, settings);
        await using var run = ports.StartRunScript();

        await run.WaitForLineAsync(line => line.Contains("Ctrl-C stops everything", StringComparison.Ordinal), StartTimeout);
        Assert.Contains($"HTTP gateway: {ports.GatewayUrl.ToString().TrimEnd('/')}", run.Output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = ports.GatewayUrl, Timeout = TimeSpan.FromSeconds(60) };
        await HttpProbe.WaitForStatusAsync(http, new Uri(ports.GatewayManagementUrl, "/health/ready").ToString(), HttpStatusCode.OK, StartTimeout, () => run.Output);

        var id = "run-sh-" + Guid.NewGuid().ToString("N")[..8];
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/entities/call-session/{id}") { Content = new StringContent("""{"state":"ringing"}""") };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        put.Headers.Add("X-Api-Key", DevelopmentKey);
        put.Headers.Add("X-Source", "run-sh-test");
        using var written = await http.SendAsync(put);
        Assert.True(written.StatusCode == HttpStatusCode.Created, $"PUT: {(int)written.StatusCode} {await written.Content.ReadAsStringAsync()}");
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/entities/call-session/{id}");
        get.Headers.Add("X-Api-Key", DevelopmentKey);
        using var read = await http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("ringing", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var exitCode = await run.StopAsync(PosixSignals.Sigint, StopTimeout);
        output.WriteLine(run.Output);
        Assert.Equal(130, exitCode);
        // The silo and the gateway went with it: their ports are closed.
        await Eventually.HoldsAsync(
            () => FreePorts.IsFree(ports.SiloPort(0)) && FreePorts.IsFree(ports.GatewayUrl.Port) && FreePorts.IsFree(ports.GatewayManagementUrl.Port),
            StopTimeout,
            () => $"a port of run.sh's silo or gateway is still open after it exited\n{run.Output}");
    }
}
