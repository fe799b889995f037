using Ivr.Storage.Contracts;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// A Redis-clustered test cluster over mutual TLS whose silos know, besides the test caller, a worker that may read
/// and write call sessions only and a reader of every type. Tests connect clients of their own with whatever
/// certificate the attack needs, through the client library's own wiring, over real TCP connections.
/// </summary>
public sealed class SecuredClusterFixture : RedisEntityClusterFixture
{
    public const string Worker = "worker-call-session";
    public const string Reader = "reader-of-everything";

    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?>
    {
        ["Security:Callers:1:Name"] = Worker,
        ["Security:Callers:1:Scopes:0"] = "entities:read:call-session",
        ["Security:Callers:1:Scopes:1"] = "entities:write:call-session",
        ["Security:Callers:2:Name"] = Reader,
        ["Security:Callers:2:Scopes:0"] = "entities:read:*",
    };

    private ConnectedClient? _admin;

    /// <summary>The test caller's store (every scope): to look at what an attack left behind.</summary>
    public IEntityStore Admin => _admin!.Store;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await ConnectAsync(TestCertificates.TestCaller);
    }

    public override async Task DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A client host as <paramref name="tls"/> names it; its start fails when it cannot connect (two quick attempts).</summary>
    public IHost Client(ClusterTlsOptions tls, ILoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddIvrStorageClient(options =>
        {
            options.RedisConnectionString = RedisConnectionString;
            options.ClusterId = ClusterId;
            options.ServiceId = ServiceId;
            options.Source = "security-tests";
            options.Tls = tls;
            options.ConnectAttempts = 2;
            options.ConnectRetryDelay = TimeSpan.FromMilliseconds(200);
            // Refusals are answers, not faults to retry.
            options.Resilience.MaxRetryAttempts = 0;
        });
        return builder.Build();
    }

    /// <summary>Waits (bounded) until a client logged a call the silos refused for <paramref name="reason"/>.</summary>
    public static Task AssertRefusalLoggedAsync(FakeLoggerProvider logs, string reason) =>
        Eventually.HoldsAsync(
            () => logs.Collector.GetSnapshot().Any(record => record.Exception is AccessDeniedException denied && denied.Reason.Contains(reason, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60),
            () => $"no refusal for '{reason}' logged; the client logged: {string.Join(" | ", logs.Collector.GetSnapshot().Select(record => record.Message))}");

    /// <summary>A started client as the caller <paramref name="name"/> of the cluster's CA; disposing it stops it.</summary>
    public async Task<ConnectedClient> ConnectAsync(string name)
    {
        var host = Client(TestCertificates.Shared.Caller(name));
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new ConnectedClient(host);
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredClusterCollection : ICollectionFixture<SecuredClusterFixture>
{
    public const string Name = "secured cluster";
}
