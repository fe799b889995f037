using System.Net;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>
/// The silo the harness measures, run as a child process so load generator and silo do not share a thread pool.
/// Configured like silo/Ivr.Storage.Silo (Redis clustering, ADO.NET default storage, the entity store), plus the
/// bench-only grains; the read-model projection does not start by itself.
/// </summary>
internal static class BenchSiloHost
{
    public static async Task<int> RunAsync(string clusterId, int siloPort, int gatewayPort, string journalConnectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Journal"] = journalConnectionString,
            // The projection starts only when a scenario asks for it (W1's third run, F1, RB): the write and read
            // scenarios measure the operational path alone, as with a read model on a database server of its own.
            ["ReadModel:Enabled"] = "false",
        });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = "ivr-storage-bench";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseRedisClustering(options =>
            {
                options.ConfigurationOptions = ConfigurationOptions.Parse(TestServices.RedisConnectionString);
                options.EntryExpiry = TimeSpan.FromMinutes(30);
            });
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = journalConnectionString;
            });
            silo.AddEntityStore();
        });
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
