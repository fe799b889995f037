using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;
using Xunit;

namespace Ivr.Storage.Testing;

/// <summary>
/// An entity cluster whose silos are in-process generic hosts with real TCP endpoints and Redis clustering under a
/// cluster id of their own, so an external Orleans client (the client library's own wiring, the HTTP gateway) finds
/// them exactly as in production: through the gateway list in Redis. Tests may stop every silo and start new ones
/// (on new ports, as a rescheduled pod would get a new address).
/// </summary>
public class RedisEntityClusterFixture : IAsyncLifetime
{
    /// <summary>The service id every test cluster runs with.</summary>
    public const string ServiceId = "ivr-storage-tests";

    private readonly List<IHost> _silos = [];

    /// <summary>A cluster id no other run shares, so stale Redis entries of earlier runs are never seen.</summary>
    public string ClusterId { get; } = "ivr-test-" + Guid.NewGuid().ToString("N")[..12];

    public string RedisConnectionString => TestServices.RedisConnectionString;

    /// <summary>Silos currently running.</summary>
    public int RunningSilos
    {
        get
        {
            lock (_silos)
            {
                return _silos.Count;
            }
        }
    }

    public virtual async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        await StartSiloAsync();
    }

    /// <summary>Starts one more silo on fresh loopback ports and waits until it has joined the cluster.</summary>
    public async Task StartSiloAsync()
    {
        var silo = BuildSilo(FreePort(), FreePort());
        await silo.StartAsync();
        lock (_silos)
        {
            _silos.Add(silo);
        }
    }

    /// <summary>Stops every silo gracefully (each leaves the membership table): the cluster is down until <see cref="StartSiloAsync"/>.</summary>
    public async Task StopAllSilosAsync()
    {
        IHost[] silos;
        lock (_silos)
        {
            silos = [.. _silos];
            _silos.Clear();
        }

        foreach (var silo in silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }

    public virtual async Task DisposeAsync() => await StopAllSilosAsync();

    private IHost BuildSilo(int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = TestServices.JournalConnectionString });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        var journal = TestServices.JournalConnectionString;
        var redis = RedisConnectionString;
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterId;
                options.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.UseRedisClustering(options =>
            {
                options.ConfigurationOptions = ConfigurationOptions.Parse(redis);
                // Test clusters are thrown away: let Redis forget them.
                options.EntryExpiry = TimeSpan.FromMinutes(15);
            });
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = journal;
            });
            silo.AddEntityStore();
        });
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
