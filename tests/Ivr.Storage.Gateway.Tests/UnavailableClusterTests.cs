using System.Diagnostics;
using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(OutageGatewayCollection.Name)]
public sealed class UnavailableClusterTests(OutageGatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task while_the_cluster_is_down_requests_are_503_with_retry_after_and_readiness_recovers_when_it_returns()
    {
        var url = Url("call-session", NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, """{"a":1}""")).StatusCode);

        await Fixture.StopAllSilosAsync();
        var read = await GetAsync(url);
        var write = await PutAsync(url, """{"a":2}""");

        var problem = await ProblemAsync(read, HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Equal("5", read.Headers.GetValues("Retry-After").Single());
        Assert.DoesNotContain("Orleans", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(write, HttpStatusCode.ServiceUnavailable, "store-unavailable");
        // Readiness reuses a result for up to Health:ReadinessCacheDuration (2 s): wait for it to see the outage.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/alive", apiKey: null)).StatusCode);

        await Fixture.StartSiloAsync();
        Assert.Equal(HttpStatusCode.OK, await WaitForReadinessAsync(HttpStatusCode.OK));
        Assert.Equal("""{"a":1}""", await (await GetAsync(url)).Content.ReadAsStringAsync());
    }

    /// <summary>Polls /health/ready until it answers <paramref name="expected"/> (bounded: 60 s); returns the last status.</summary>
    private async Task<HttpStatusCode> WaitForReadinessAsync(HttpStatusCode expected)
    {
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await GetAsync("/health/ready", apiKey: null)).StatusCode) != expected && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
        }

        return status;
    }
}
