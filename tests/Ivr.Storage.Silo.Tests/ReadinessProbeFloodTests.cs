using System.Net;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// Issue 15, finding 8: /health/ready is anonymous, and each probe used to log in to PostgreSQL afresh. A host with the
/// service defaults and the PostgreSQL readiness check (as the silo registers it) is flooded with 200 concurrent probes;
/// the checks run once and the database, behind a forwarder of this test that counts connections, sees one. Each of the
/// two remedies is checked alone: the result cache, and the check's own pooled connection.
/// </summary>
public sealed class ReadinessProbeFloodTests
{
    private const int Probes = 200;

    [Fact]
    public async Task two_hundred_concurrent_probes_run_the_readiness_checks_once_with_the_result_cache()
    {
        // A cache longer than the burst, so the count does not depend on how fast this machine is.
        var (connections, runs) = await FloodAsync(cacheDuration: "00:01:00", concurrent: true);

        Assert.Equal(1, runs);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task without_the_cache_probe_after_probe_reuses_one_pooled_connection()
    {
        // One after the other: the pool holds one connection, and 200 probes queueing for it would test the timeout.
        var (connections, runs) = await FloodAsync(cacheDuration: "00:00:00", concurrent: false);

        Assert.Equal(Probes, runs);
        Assert.Equal(1, connections);
    }

    /// <summary>
    /// Sends <see cref="Probes"/> probes, checks each answered 200, returns the connections PostgreSQL got and
    /// how often the readiness checks ran (a counting check registered beside PostgreSQL's).
    /// </summary>
    private static async Task<(int Connections, int Runs)> FloodAsync(string cacheDuration, bool concurrent)
    {
        await TestServices.RequirePostgresAsync();
        var (forwarder, connectionString) = ServiceForwarders.ForJournal();
        await using var forwarding = forwarder;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Health:ReadinessCacheDuration"] = cacheDuration;
        builder.AddServiceDefaults();
        var runs = 0;
        builder.Services.AddHealthChecks()
            .AddPostgresReadiness("postgresql", connectionString)
            .AddCheck("counted", () =>
            {
                Interlocked.Increment(ref runs);
                return HealthCheckResult.Healthy();
            }, [ServiceDefaultsExtensions.ReadyTag]);
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };

            Task<HttpResponseMessage> Probe() => http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var answers = new List<HttpResponseMessage>();
            if (concurrent)
            {
                answers.AddRange(await Task.WhenAll(Enumerable.Range(0, Probes).Select(_ => Probe())));
            }
            else
            {
                for (var i = 0; i < Probes; i++)
                {
                    answers.Add(await Probe());
                }
            }

            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
            return (forwarder.ForwardedConnections, Volatile.Read(ref runs));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
