using System.Net;
using Ivr.Storage.Testing;

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

        // The exporter may answer from its short-lived cache of a scrape made before that request (another test's, or
        // the console's health page): scrape until the request shows, bounded.
        var body = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                var response = await SendAsync(HttpMethod.Get, "/metrics", apiKey: null);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                body = await response.Content.ReadAsStringAsync();
                return body.Contains("http_server_request_duration_seconds", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10),
            () => $"no http_server_request_duration_seconds series in /metrics:\n{body}");
    }

    [Fact]
    public async Task a_write_through_the_gateway_shows_in_the_scraped_client_write_duration()
    {
        var written = await PutAsync(Url("write-metrics", NewId()), """{"n":1}""");
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        // The client library's caller-observed write duration (meter Ivr.Storage.Client) is exported like our other meters.
        // The exporter may answer a scrape from its short-lived cache of the previous one: scrape until the write shows.
        var body = "";
        await Eventually.HoldsAsync(
            async () =>
            {
                body = await (await SendAsync(HttpMethod.Get, "/metrics", apiKey: null)).Content.ReadAsStringAsync();
                return body.Split('\n').Any(line => line.StartsWith("ivr_client_write_duration_seconds_bucket{", StringComparison.Ordinal)
                    && line.Contains("entity_type=\"write-metrics\"", StringComparison.Ordinal));
            },
            TimeSpan.FromSeconds(10),
            () => $"no ivr_client_write_duration_seconds series for entity type write-metrics in /metrics:\n{body}");
    }
}
