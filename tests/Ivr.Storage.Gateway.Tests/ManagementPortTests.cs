using System.Net;
using Ivr.Storage.Client;
using Ivr.Storage.Gateway.Health;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 15, finding 8: the anonymous probes and <c>/metrics</c> are served on the management port only (a real
/// Kestrel with both listeners), the API port answers 404 for them even to a forged Host header, the management port
/// serves nothing else (no second readiness probe such as <c>/ready</c>), and a flood of readiness probes costs one cluster call, not one each.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ManagementPortTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private static readonly string[] ManagementPaths = ["/alive", "/health/ready", "/metrics"];

    [Fact]
    public async Task the_api_port_answers_404_for_probes_and_metrics_which_the_management_port_serves()
    {
        await using var gateway = StartWithManagementPort(out var api, out var management);

        foreach (var path in ManagementPaths)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        // The API itself is still on the API port.
        await ProblemAsync(await SendAsync(HttpMethod.Get, Url("call-session", NewId()), client: api), HttpStatusCode.NotFound, "entity-not-found");
    }

    [Fact]
    public async Task the_management_port_serves_nothing_but_probes_and_metrics()
    {
        await using var gateway = StartWithManagementPort(out _, out var management);

        foreach (var path in new[] { Url("call-session", NewId()), "/changes", "/query/statistics", "/openapi/v1.json", "/scalar", "/metricsx", "/ready" })
        {
            var response = await SendAsync(HttpMethod.Get, path, client: management);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} on the management port answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task a_host_header_naming_the_management_port_does_not_open_the_probes_on_the_api_port()
    {
        await using var gateway = StartWithManagementPort(out var api, out var management);

        foreach (var path in ManagementPaths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = management.BaseAddress!.Authority;
            Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task a_burst_of_200_readiness_probes_asks_the_cluster_once()
    {
        ProbeCountingStore? counter = null;
        // A cache longer than any burst, so the count does not depend on how fast this machine is.
        await using var gateway = Fixture.With(("Health:ReadinessCacheDuration", "00:01:00")).WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton(provider =>
            {
                (var store, counter) = ProbeCountingStore.Wrap(provider.GetRequiredService<EntityStore>(), ClusterReadinessCheck.Probe);
                return store;
            })));
        using var client = gateway.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetAsync(new Uri("/health/ready", UriKind.Relative))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(1, counter!.Calls);
    }

    /// <summary>The gateway on Kestrel with an API and a management listener on free loopback ports, and a client of each.</summary>
    private WebApplicationFactory<Program> StartWithManagementPort(out HttpClient api, out HttpClient management)
    {
        var (apiPort, managementPort) = (FreePorts.Any(), FreePorts.Any());
        var gateway = Fixture.With(("Urls", $"http://127.0.0.1:{apiPort}"), ("Management:Url", $"http://127.0.0.1:{managementPort}"));
        gateway.UseKestrel();
        gateway.StartServer();
        api = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") });
        management = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") });
        return gateway;
    }
}
