using System.Globalization;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>
/// The silo the harness measures, run as a child process so load generator and silo do not share a thread pool.
/// Built by the silo host's own AddIvrStorageSilo (service defaults and tracing, Redis clustering, mutual TLS and
/// caller checks, ADO.NET default storage, the entity store), plus the bench-only grains; the read-model
/// projection does not start by itself.
/// </summary>
internal static class BenchSiloHost
{
    public const string ServiceId = "ivr-storage-bench";

    public static async Task<int> RunAsync(string clusterId, int siloPort, int gatewayPort, bool tls, string journalConnectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = SiloConfiguration.Security(tls);
        settings["ConnectionStrings:Journal"] = journalConnectionString;
        settings["ConnectionStrings:Redis"] = TestServices.RedisConnectionString;
        // The projection starts only when a scenario asks for it (W1's third run, F1, RB): the write and read
        // scenarios measure the operational path alone, as with a read model on a database server of its own.
        settings["ReadModel:Enabled"] = "false";
        settings["Orleans:ClusterId"] = clusterId;
        settings["Orleans:ServiceId"] = ServiceId;
        settings["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        settings["Orleans:RedisEntryExpiry"] = "00:30:00";
        settings["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIvrStorageSilo();
        builder.UseOrleans(silo => silo.OpenToEveryCaller<IAdoNetBaselineGrain>().OpenToEveryCaller<IBenchProbeGrain>());
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
