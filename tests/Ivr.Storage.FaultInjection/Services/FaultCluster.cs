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
/// (<see cref="SiloProcess"/>) under a cluster id of their own with the read model's projection running, one
/// external Orleans client that finds them through Redis as IVR.Server does, and the HTTP gateway as a process of
/// its own (<see cref="GatewayProcess"/>). Disposing it kills every process it started.
/// </summary>
public sealed partial class FaultCluster : IAsyncDisposable
{
    public const string ServiceId = "ivr-storage";
    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(90);
    private readonly FaultClusterOptions _options;
    private readonly List<SiloProcess> _silos = [];
    private readonly HashSet<int> _offsets = [];
    private IHost? _client;

    // Set when disposal begins. A scenario abandoned on Ctrl-C may still be starting a silo or the gateway: whatever
    // it starts after this point is stopped at once instead of outliving the suite.
    private volatile bool _closing;

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
            options.Log($"private PostgreSQL on 127.0.0.1:{postgres.Port}, Redis on 127.0.0.1:{redis.Port}, cluster {cluster.ClusterId}");
            cluster.StartMessaging();
            await cluster.EnsureSilosAsync();
            cluster._client = await ConnectClientAsync(cluster);
            await cluster.StartGatewayAsync(FreePorts.Any());
            options.Log($"{options.Silos} silos, the client and the gateway (127.0.0.1:{cluster.Gateway.Port}) up after {started.Elapsed.TotalSeconds:F1} s");
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

    /// <summary>How often a silo that ended during its start-up is started again before the run fails.</summary>
    private const int StartAttempts = 3;

    /// <summary>
    /// Starts one more silo on fresh ports and waits until it is a started, Active member: its gateway listens, its
    /// host finished starting (a SIGTERM earlier would fail the start-up instead of draining a member) and the
    /// membership table says Active. A silo that ends during its start-up (on a starved machine the others may declare
    /// a joining silo dead before it answers their probes, and it stops itself) is replaced, as an orchestrator would
    /// restart it, up to <see cref="StartAttempts"/> times.
    /// </summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var silo = Launch();
            if (_closing)
            {
                await RemoveAsync(silo);
                throw new OperationCanceledException("The fault cluster is shutting down; the silo just started was stopped.");
            }

            try
            {
                await silo.WaitUntilListeningAsync(SiloStartTimeout);
                await silo.WaitUntilStartedAsync(SiloStartTimeout);
                if (!await WaitUntilActiveAsync(silo.SiloPort, SiloStartTimeout))
                {
                    throw new TimeoutException($"Silo {silo.SiloPort} did not become Active within {SiloStartTimeout}:\n{silo.Output}");
                }

                return silo;
            }
            catch (InvalidOperationException) when (silo.HasExited && attempt < StartAttempts && !_closing)
            {
                Log($"silo {silo.SiloPort} ended during its start-up (exit code {silo.ExitCode}); starting another (attempt {attempt + 1} of {StartAttempts})");
                await RemoveAsync(silo);
            }
        }
    }

    private SiloProcess Launch()
    {
        int offset;
        lock (_offsets)
        {
            offset = FreePorts.SiloOffset(_offsets);
        }

        var silo = SiloProcess.StartWith(offset, SiloEnvironment());
        lock (_silos)
        {
            _silos.Add(silo);
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

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        // Each step runs even if one before it failed: PostgreSQL and Redis must never outlive the suite.
        try
        {
            await StopClusterProcessesAsync();
        }
        finally
        {
            await StopMessagingAsync();
            try
            {
                await Redis.DisposeAsync();
            }
            finally
            {
                await Postgres.DisposeAsync();
            }
        }
    }

    private async Task StopClusterProcessesAsync()
    {
        await DisposeGatewayAsync();
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

        // Again: a scenario abandoned on Ctrl-C may have restarted the gateway meanwhile.
        await DisposeGatewayAsync();
    }

    /// <summary>
    /// Every setting of a silo process but its ports (<see cref="SiloProcess"/> derives those from the port offset):
    /// the private services, this cluster, fast failure detection.
    /// </summary>
    private Dictionary<string, string> SiloEnvironment() => new(MessagingEnvironment())
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Journal"] = Postgres.AppConnectionString,
        ["ConnectionStrings__Redis"] = Redis.ConnectionString,
        ["Orleans__ClusterId"] = ClusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["Orleans__RedisEntryExpiry"] = "00:10:00",
        ["Orleans__ShutdownGracePeriod"] = "00:00:10",
        // Fast failure detection, so a paused or killed silo is declared dead within seconds (Orleans' defaults:
        // 5 s probe timeout, 3 missed probes, 60 s table refresh). Still loose enough for a loaded 2-core machine.
        ["Orleans__ClusterMembership__ProbeTimeout"] = "00:00:02",
        ["Orleans__ClusterMembership__NumMissedProbesLimit"] = "2",
        ["Orleans__ClusterMembership__NumVotesForDeathDeclaration"] = "2",
        ["Orleans__ClusterMembership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__ClusterMembership__IAmAliveTablePublishTimeout"] = "00:00:05",
        // The read model runs (its default): after every scenario it must converge to the journal.
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Format"] = "simple",
    };

    private static async Task<IHost> ConnectClientAsync(FaultCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, ProgramOwnedLifetime>();
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
            client.UseClusterSecurity(_ => TestCertificates.Shared.Caller());
        });
        var host = builder.Build();
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(starting.Token);
        return host;
    }
}
