using System.Diagnostics;
using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(OutageGatewayCollection.Name)]
public sealed class UnavailableClusterTests(OutageGatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task while_the_cluster_is_down_requests_are_503_with_retry_after_and_ready_recovers_when_it_returns()
    {
        var url = Url("call-session", NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, """{"a":1}""")).StatusCode);

        await Fixture.StopAllSilosAsync();
        var read = await GetAsync(url);
        var write = await PutAsync(url, """{"a":2}""");
        var ready = await GetAsync("/ready", apiKey: null);

        var problem = await ProblemAsync(read, HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Equal("5", read.Headers.GetValues("Retry-After").Single());
        Assert.DoesNotContain("Orleans", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(write, HttpStatusCode.ServiceUnavailable, "store-unavailable");
        await ProblemAsync(ready, HttpStatusCode.ServiceUnavailable, "not-ready");
        Assert.True(ready.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/health", apiKey: null)).StatusCode);

        await Fixture.StartSiloAsync();
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await GetAsync("/ready", apiKey: null)).StatusCode) != HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"a":1}""", await (await GetAsync(url)).Content.ReadAsStringAsync());
    }
}
