using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Ivr.Storage.Benchmarks.Silo;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Everything a run needs: its own database, a silo child process, an external Orleans client, the raw baseline.</summary>
internal sealed class BenchSession : IAsyncDisposable
{
    private static readonly TimeSpan SiloStartTimeout = TimeSpan.FromSeconds(60);
    private readonly ChildProcess _silo;
    private readonly IHost _client;
    private readonly ServiceProvider _journalServices;

    private BenchSession(TestDatabase database, ChildProcess silo, IHost client, ServiceProvider journalServices, NpgsqlDataSource owner, RawPostgresBaseline baseline, BenchAudit audit)
    {
        Database = database;
        Audit = audit;
        _silo = silo;
        _client = client;
        _journalServices = journalServices;
        Owner = owner;
        Baseline = baseline;
        Cpu = new CpuMeter(silo.Id, owner, database.Name);
        Admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestServices.AdminConnectionString) { Database = database.Name }.ConnectionString);
        Projection = new ProjectionControl(Client, owner);
    }

    /// <summary>The run's one connection pool as the database owner: the raw baselines, the CPU meter, setup statements.</summary>
    public NpgsqlDataSource Owner { get; }

    /// <summary>The superuser on the run's database: CHECKPOINT, VACUUM and the server-wide views of a drained start and the stall watch.</summary>
    public NpgsqlDataSource Admin { get; }

    /// <summary>Whether the read-model projection runs, and the means to start, drain and stop it.</summary>
    public ProjectionControl Projection { get; }

    /// <summary>Meters the CPU that this process, the silo and the database's backends spend on a run.</summary>
    public CpuMeter Cpu { get; }

    public TestDatabase Database { get; }

    /// <summary>The transparency log's key and head directory (the D scenarios start the log; nothing else runs it).</summary>
    public BenchAudit Audit { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    /// <summary>The Orleans client's services (its serializer and caller-token issuer, for T1's token cost).</summary>
    public IServiceProvider ClientServices => _client.Services;

    /// <summary>A journal writer in this process, for filling long histories directly.</summary>
    public IEntityJournal Journal => _journalServices.GetRequiredService<IEntityJournal>();

    public RawPostgresBaseline Baseline { get; }

    public int SiloProcessId => _silo.Id;

    /// <summary>The bench cluster's id, for other processes (the gateway) that join it as clients.</summary>
    public required string ClusterId { get; init; }

    /// <summary>Whether the Orleans connections use mutual TLS (caller tokens are checked either way).</summary>
    public required bool Tls { get; init; }

    /// <summary>Starts a session; with <paramref name="relayExchange"/> its silo relays every <c>bench</c> version there (MQ1).</summary>
    public static async Task<BenchSession> StartAsync(bool tls = true, string? relayExchange = null)
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var database = await TestDatabase.CreateAsync("ivr_storage_bench");
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        // Kernel-picked free ports: the test assemblies run beside the smoke run, and a port picked at random could be
        // another process's (the silo then dies of "address already in use" while the probe below meets the other listener).
        var siloPort = FreePorts.Any();
        var gatewayPort = FreePorts.Any();

        var start = new ProcessStartInfo("dotnet", [typeof(BenchSession).Assembly.Location, "silo", "--cluster-id", clusterId, "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture), "--tls", tls ? "true" : "false", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        start.Environment["IVR_BENCH_JOURNAL"] = database.JournalConnectionString;
        var audit = BenchAudit.Create();
        start.Environment[BenchAudit.DirectoryVariable] = audit.Directory.FullName;
        if (relayExchange is not null)
        {
            start.Environment["IVR_BENCH_RELAY_EXCHANGE"] = relayExchange;
            start.Environment["ConnectionStrings__RabbitMq"] = TestServices.RabbitMqConnectionString;
        }

        // The silo's output goes on to the harness's console, as when it wrote there itself.
        var silo = ChildProcess.Start(start, onLine: Console.WriteLine);
        try
        {
            await silo.WaitForPortAsync(gatewayPort, SiloStartTimeout);
        }
        catch
        {
            await silo.DisposeAsync();
            await database.DisposeAsync();
            audit.Dispose();
            throw;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = BenchSiloHost.ServiceId;
            });
            client.UseRedisClustering(options => options.ConfigurationOptions = TestServices.RedisOptions());
            client.UseClusterSecurity(_ => TestCertificates.Shared.Caller(tls: tls));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch (Exception exception)
        {
            // Leave nothing behind, and say whether the silo died (its own output above tells why).
            var siloState = silo.HasExited ? $"the bench silo exited with {silo.ExitCode}" : "the bench silo is running";
            await silo.DisposeAsync();
            host.Dispose();
            await database.DisposeAsync();
            audit.Dispose();
            throw new InvalidOperationException($"The bench client could not join cluster {clusterId} ({siloState}).", exception);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = database.JournalConnectionString })
            .Build();
        var journal = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddEntityJournal().BuildServiceProvider();
        var owner = NpgsqlDataSource.Create(database.OwnerConnectionString);
        var baseline = await RawPostgresBaseline.CreateAsync(owner);
        return new BenchSession(database, silo, host, journal, owner, baseline, audit) { ClusterId = clusterId, Tls = tls };
    }

    public async ValueTask DisposeAsync()
    {
        await _journalServices.DisposeAsync();
        await Admin.DisposeAsync();
        await Owner.DisposeAsync();
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        await Database.DisposeAsync();
        Audit.Dispose();
    }
}
