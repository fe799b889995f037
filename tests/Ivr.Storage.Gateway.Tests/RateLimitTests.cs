using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task writes_beyond_the_per_caller_limit_are_429_with_retry_after_while_other_callers_go_on()
    {
        await using var limited = Fixture.With(("Gateway:WritesPerMinute", "3"));
        using var client = limited.CreateClient();
        var url = Url("call-leg", NewId());

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await SendAsync(HttpMethod.Put, url, $$"""{"n":{{i}}}""", client: client)).StatusCode);
        }

        var refused = await SendAsync(HttpMethod.Put, url, """{"n":9}""", client: client);
        var otherCaller = await SendAsync(HttpMethod.Put, url, """{"n":10}""", apiKey: TestCallers.CallFamily, client: client);
        var read = await SendAsync(HttpMethod.Get, url, client: client);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK], allowed);
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.True(problem.GetProperty("retryAfterSeconds").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.OK, otherCaller.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
