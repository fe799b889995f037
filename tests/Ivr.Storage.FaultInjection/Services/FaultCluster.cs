using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>
/// The system under test, all on 127.0.0.1: a private PostgreSQL, a private Redis, real silo processes
/// (<see cref="SiloProcess"/>) under a cluster id of their own, and one external Orleans client that finds them
/// through Redis as IVR.Server does. Disposing it kills every process it started.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    public const string ServiceId = "ivr-storage";
    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(90);
    private readonly FaultClusterOptions _options;
    private readonly List<SiloProcess> _silos = [];
    private readonly HashSet<int> _offsets = [];
    private IHost? _client;

    private FaultCluster(FaultClusterOptions options, PrivatePostgres postgres, PrivateRedis redis)
    {
        _options = options;
        Postgres = postgres;
        Redis = redis;
    }

    public PrivatePostgres Postgres { get; }

    public PrivateRedis Redis { get; }

    public string ClusterId { get; } = "ivr-fault-" + Guid.NewGuid().ToString("N")[..10];

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("The cluster is not started.");

    public TimeSpan ResponseTimeout => _options.ResponseTimeout;

    public IReadOnlyList<SiloProcess> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    public void Log(string line) => _options.Log(line);

    public static async Task<FaultCluster> StartAsync(FaultClusterOptions options)
    {
        var started = Stopwatch.StartNew();
        var postgres = await PrivatePostgres.StartAsync();
        PrivateRedis? redis = null;
        try
        {
            redis = await PrivateRedis.StartAsync();
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }

        var cluster = new FaultCluster(options, postgres, redis);
        try
        {
            // SiloProcess reads the shared services' settings before applying our overrides; without an env file
            // (a machine that never ran services.sh) it would fail, so give it the private ones.
            foreach (var (name, value) in new[] { ("ConnectionStrings__Journal", postgres.AppConnectionString), ("ConnectionStrings__Redis", redis.ConnectionString) })
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                {
                    Environment.SetEnvironmentVariable(name, value);
                }
            }

            options.Log($"private PostgreSQL on 127.0.0.1:{postgres.Port}, Redis on 127.0.0.1:{redis.Port}, cluster {cluster.ClusterId}");
            await cluster.EnsureSilosAsync();
            cluster._client = await ConnectClientAsync(cluster);
            options.Log($"{options.Silos} silos and the client up after {started.Elapsed.TotalSeconds:F1} s");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts silos (in parallel) until <see cref="FaultClusterOptions.Silos"/> are running; drops exited ones first.</summary>
    public async Task EnsureSilosAsync()
    {
        foreach (var exited in Silos.Where(silo => silo.HasExited))
        {
            await RemoveAsync(exited);
        }

        var missing = _options.Silos - Silos.Count;
        if (missing > 0)
        {
            await Task.WhenAll(Enumerable.Range(0, missing).Select(_ => StartSiloAsync()));
        }
    }

    /// <summary>Starts one more silo on fresh ports and waits until its gateway listens.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        int offset;
        lock (_offsets)
        {
            offset = FreePorts.SiloOffset(_offsets);
        }

        var silo = SiloProcess.Start(ClusterId, offset, SiloEnvironment());
        lock (_silos)
        {
            _silos.Add(silo);
        }

        await silo.WaitUntilListeningAsync(SiloStartTimeout);
        if (!await WaitUntilActiveAsync(silo.SiloPort, SiloStartTimeout))
        {
            throw new TimeoutException($"Silo {silo.SiloPort} did not become Active within {SiloStartTimeout}:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>Forgets a silo and kills its process if it still runs.</summary>
    public async Task RemoveAsync(SiloProcess silo)
    {
        lock (_silos)
        {
            _silos.Remove(silo);
        }

        await silo.DisposeAsync();
    }

    /// <summary>Waits (bounded) until the membership table in Redis declares the silo on <paramref name="siloPort"/> dead.</summary>
    public Task<bool> WaitUntilDeclaredDeadAsync(int siloPort, TimeSpan timeout) => WaitForStatusAsync(siloPort, DeadStatus, timeout);

    /// <summary>
    /// Waits (bounded) until the silo on <paramref name="siloPort"/> is Active in the membership table: its gateway
    /// port opens while it is still joining, and a SIGTERM then fails the start-up instead of draining a member.
    /// </summary>
    public Task<bool> WaitUntilActiveAsync(int siloPort, TimeSpan timeout) => WaitForStatusAsync(siloPort, ActiveStatus, timeout);

    // Orleans' SiloStatus as Redis clustering serializes it.
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    private async Task<bool> WaitForStatusAsync(int siloPort, int status, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var options = ConfigurationOptions.Parse(Redis.ConnectionString);
        options.AbortOnConnectFail = false;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var marker = string.Create(CultureInfo.InvariantCulture, $":{siloPort}:");
        while (waited.Elapsed < timeout)
        {
            var members = await redis.GetDatabase().HashGetAllAsync($"{ServiceId}/members/{ClusterId}");
            if (members.Any(m => m.Name.ToString().Contains(marker, StringComparison.Ordinal) && m.Value.ToString().Contains($"\"Status\":{status},", StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _client.StopAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }

            _client.Dispose();
        }

        foreach (var silo in Silos)
        {
            await RemoveAsync(silo);
        }

        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    private Dictionary<string, string> SiloEnvironment() => new()
    {
        ["ConnectionStrings__Journal"] = Postgres.AppConnectionString,
        ["ConnectionStrings__Redis"] = Redis.ConnectionString,
        ["Orleans__ServiceId"] = ServiceId,
        ["Orleans__ShutdownGracePeriod"] = "00:00:10",
        // Fast failure detection, so a paused or killed silo is declared dead within seconds (Orleans' defaults:
        // 5 s probe timeout, 3 missed probes, 60 s table refresh). Still loose enough for a loaded 2-core machine.
        ["Orleans__ClusterMembership__ProbeTimeout"] = "00:00:02",
        ["Orleans__ClusterMembership__NumMissedProbesLimit"] = "2",
        ["Orleans__ClusterMembership__NumVotesForDeathDeclaration"] = "2",
        ["Orleans__ClusterMembership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__ClusterMembership__IAmAliveTablePublishTimeout"] = "00:00:05",
        // The read model is not under test here; its projection would only take CPU from the two cores.
        ["ReadModel__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Format"] = "simple",
    };

    private static async Task<IHost> ConnectClientAsync(FaultCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = ServiceId;
            });
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = cluster.ResponseTimeout);
            // New silos (churn, replacements) become gateways for the client within seconds.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis.ConnectionString));
        });
        var host = builder.Build();
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(starting.Token);
        return host;
    }
}
