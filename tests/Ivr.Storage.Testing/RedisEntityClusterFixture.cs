using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Xunit;

namespace Ivr.Storage.Testing;

/// <summary>
/// An entity cluster whose silos are in-process generic hosts with real TCP endpoints and Redis clustering under a
/// cluster id of their own, so an external Orleans client (the client library's own wiring, the HTTP gateway) finds
/// them exactly as in production: through the gateway list in Redis, over mutual TLS with the test CA's certificates
/// (<see cref="TestCertificates"/>), configured by the silo host's own AddIvrStorageSilo. Tests may stop every silo and start new ones
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

    private TestDatabase? _database;

    /// <summary>
    /// When set, the cluster runs on a database of its own (<see cref="TestDatabase"/>, named with this prefix) that
    /// is dropped afterwards; otherwise on the shared local database.
    /// </summary>
    protected virtual string? OwnDatabasePrefix => null;

    /// <summary>The journal (and read model) database.</summary>
    protected string JournalConnectionString => _database?.JournalConnectionString ?? TestServices.JournalConnectionString;

    /// <summary>
    /// Whether silos run the read-model projection. Off by default, as in <see cref="EntityClusterFixture"/>: on the
    /// shared database the projections of several test clusters would only fence each other.
    /// </summary>
    protected virtual bool RunProjection => false;

    /// <summary>Further silo configuration, e.g. <c>ReadModel:MinPositionWait</c>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>();

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
        if (OwnDatabasePrefix is { } prefix)
        {
            _database = await TestDatabase.CreateAsync(prefix);
        }

        await StartSiloAsync();
    }

    /// <summary>Starts one more silo on fresh loopback ports and waits until it has joined the cluster.</summary>
    public async Task StartSiloAsync()
    {
        var silo = BuildSilo(FreePorts.Any(), FreePorts.Any());
        await silo.StartAsync();
        lock (_silos)
        {
            _silos.Add(silo);
        }
    }

    /// <summary>The silo-to-silo and Orleans gateway ports of the <paramref name="index"/>th running silo.</summary>
    public (int SiloPort, int GatewayPort) Endpoints(int index = 0)
    {
        IHost silo;
        lock (_silos)
        {
            silo = _silos[index];
        }

        var endpoints = silo.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        return (endpoints.SiloPort, endpoints.GatewayPort);
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

    public virtual async Task DisposeAsync()
    {
        await StopAllSilosAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private IHost BuildSilo(int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        var settings = SiloConfiguration.Common(JournalConnectionString, RunProjection, tls: true);
        settings["ConnectionStrings:Redis"] = RedisConnectionString;
        settings["Orleans:ClusterId"] = ClusterId;
        settings["Orleans:ServiceId"] = ServiceId;
        settings["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        // Test clusters are thrown away: let Redis forget them.
        settings["Orleans:RedisEntryExpiry"] = "00:15:00";
        foreach (var (key, value) in SiloSettings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIvrStorageSilo();
        return builder.Build();
    }
}
