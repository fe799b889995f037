using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The gateway shares the silo's operational endpoints: liveness, readiness through the cluster, Prometheus metrics.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ServiceDefaultsEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Theory]
    [InlineData("/alive")]
    [InlineData("/health/ready")]
    public async Task probes_answer_anonymously_while_the_cluster_is_up(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path, apiKey: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task metrics_are_scraped_in_prometheus_format_with_the_gateway_requests()
    {
        await SendAsync(HttpMethod.Get, Url("metrics-probe", NewId()));

        var response = await SendAsync(HttpMethod.Get, "/metrics", apiKey: null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", body, StringComparison.Ordinal);
    }
}
