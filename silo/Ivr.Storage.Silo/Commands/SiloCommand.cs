using System.Net;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Ivr.Storage.Silo.Commands;

/// <summary>The default command: runs one silo until SIGINT/SIGTERM.</summary>
internal static class SiloCommand
{
    public static async Task<int> RunAsync(string[] args, int instance)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var siloPort = settings.SiloPort + instance;
        var gatewayPort = settings.GatewayPort + instance;
        var httpUrl = OffsetPort(builder.Configuration["Http:Url"] ?? "http://127.0.0.1:8080", instance);
        builder.WebHost.UseUrls(httpUrl);

        var journalConnection = RequireConnectionString(builder.Configuration, "Journal");
        var redisConnection = RequireConnectionString(builder.Configuration, "Redis");

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.Configure<SiloOptions>(options => options.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{siloPort}");
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), siloPort, gatewayPort);
            silo.UseRedisClustering(options =>
            {
                options.ConfigurationOptions = ConfigurationOptions.Parse(redisConnection);
                options.EntryExpiry = settings.RedisEntryExpiry;
            });
            // Orleans' own ADO.NET storage keeps every other grain's state (one row per grain, rewritten in place).
            // Entity history never goes there: it lives in the append-only journal.
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = journalConnection;
            });
            silo.AddEntityStore();
            silo.AddDashboard();
        });

        var app = builder.Build();
        var dashboardPath = builder.Configuration["Dashboard:Path"] ?? "/dashboard";
        app.MapGet("/alive", () => Results.Ok("alive"));
        app.MapOrleansDashboard(dashboardPath);

        await app.StartAsync();
        Console.WriteLine($"IVR.Storage silo '{settings.ClusterId}': silo port {siloPort}, gateway port {gatewayPort}, dashboard {httpUrl.TrimEnd('/')}{dashboardPath}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string RequireConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set ConnectionStrings:{name} (environment variable ConnectionStrings__{name}); deploy/local/services.sh writes the local values.");

    private static string OffsetPort(string url, int instance)
    {
        var uri = new UriBuilder(url);
        uri.Port += instance;
        return uri.Uri.ToString();
    }
}
