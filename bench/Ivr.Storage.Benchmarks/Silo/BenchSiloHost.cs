using System.Diagnostics;
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

    public static async Task<int> RunAsync(string clusterId, int siloPort, int gatewayPort, bool tls, int parentProcessId, string journalConnectionString, string? auditDirectory)
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
        if (auditDirectory is not null)
        {
            // The transparency log is configured but not enabled: no keeper starts it, the D scenarios start and stop
            // it (IBenchProbeGrain). A head per second at most: the lag figure is commit to signed head.
            settings["AuditLog:SigningKeyFile"] = Path.Combine(auditDirectory, BenchAudit.SigningKeyFile);
            settings["AuditLog:HeadDirectory"] = Path.Combine(auditDirectory, BenchAudit.HeadDirectory);
            settings["AuditLog:HeadInterval"] = BenchAudit.HeadInterval.ToString("c", CultureInfo.InvariantCulture);
            settings["AuditLog:PollInterval"] = BenchAudit.PollInterval.ToString("c", CultureInfo.InvariantCulture);
        }

        if (Environment.GetEnvironmentVariable("IVR_BENCH_RELAY_EXCHANGE") is { Length: > 0 } exchange)
        {
            // MQ1: one relay of the bench type to an exchange of the run's own (the broker from ConnectionStrings__RabbitMq),
            settings["Messaging:Relays:0:Name"] = "bench";
            settings["Messaging:Relays:0:Exchange"] = exchange;
            settings["Messaging:Relays:0:Types:0"] = "bench";
            // and the command consumer of a queue named after it, allowed to write the bench type only.
            settings["Messaging:Commands:Enabled"] = "true";
            settings["Messaging:Commands:Queue"] = exchange + ".commands";
            settings["Messaging:Commands:DeadLetter"] = exchange + ".commands.dead";
            settings["Messaging:Commands:Scopes:0"] = "entities:write:bench";
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIvrStorageSilo();
        builder.UseOrleans(silo => silo.OpenToEveryCaller<IAdoNetBaselineGrain>().OpenToEveryCaller<IBenchProbeGrain>());
        using var host = builder.Build();
        using var parentGone = new CancellationTokenSource();
        var watch = CancelWhenExitedAsync(parentProcessId, parentGone);
        await host.RunAsync(parentGone.Token);
        await parentGone.CancelAsync();
        await watch;
        return 0;
    }

    // A harness stopped by Ctrl-C or killed leaves no silo behind: the silo stops when the process that started it is
    // gone (a run interrupted so once left both bench silos serving with nobody to stop them).
    private static async Task CancelWhenExitedAsync(int processId, CancellationTokenSource parentGone)
    {
        try
        {
            using var parent = Process.GetProcessById(processId);
            await parent.WaitForExitAsync(parentGone.Token);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            return; // The silo stopped by itself.
        }

        await parentGone.CancelAsync();
    }
}
