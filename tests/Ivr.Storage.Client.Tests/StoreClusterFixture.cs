using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// A Redis-clustered entity cluster plus a client host wired exactly as a worker would be: AddIvrStorageClient
/// finds the silos through Redis. <see cref="Faults"/> sits in the client's outgoing call path.
/// </summary>
public class StoreClusterFixture : RedisEntityClusterFixture
{
    private IHost? _client;

    public TransientFaults Faults { get; } = new();

    public IEntityStore Store => _client!.Services.GetRequiredService<IEntityStore>();

    public IChangeFeed Feed => _client!.Services.GetRequiredService<IChangeFeed>();

    public IReadModel ReadModel => _client!.Services.GetRequiredService<IReadModel>();

    public IClusterClient ClusterClient => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>Settings the tests in this fixture run with; fast retries, and a breaker that only opens on purpose.</summary>
    protected virtual void Configure(IvrStorageClientOptions options)
    {
        options.Resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.Resilience.MinimumThroughput = 10_000;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddIvrStorageClient(options =>
        {
            options.RedisConnectionString = RedisConnectionString;
            options.ClusterId = ClusterId;
            options.ServiceId = ServiceId;
            options.Source = "client-tests";
            options.Tls = TestCertificates.Shared.Caller();
            Configure(options);
        });
        builder.Services.AddSingleton<IOutgoingGrainCallFilter>(Faults);
        _client = builder.Build();
        await _client.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        await base.DisposeAsync();
    }

    public static EntityKey NewKey(string type = "client-test") => EntityKey.Create(type, Guid.NewGuid().ToString("N"));
}
