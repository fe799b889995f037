using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Ivr.Storage.Silo.Tests;

/// <summary>An Orleans client in the test process that finds silo processes through Redis, as IVR.Server does.</summary>
internal static class ExternalClient
{
    public static async Task<IHost> ConnectAsync(string clusterId, TimeSpan? responseTimeout = null)
    {
        var host = Host.CreateApplicationBuilder();
        host.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "ivr-storage";
            });
            if (responseTimeout is { } timeout)
            {
                client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = timeout);
            }

            client.UseRedisClustering(options => options.ConfigurationOptions = TestServices.RedisOptions());
            client.UseClusterSecurity(_ => TestCertificates.Shared.Caller());
        });
        var app = host.Build();
        await app.StartAsync();
        return app;
    }

    public static IClusterClient Cluster(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
