using System.Net;
using Ivr.Storage.Silo.Dashboard;
using Ivr.Storage.ServiceDefaults.Hosting;
using Ivr.Storage.Silo.Health;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Ivr.Storage.Silo.Commands;

/// <summary>The default command: runs one silo until SIGINT/SIGTERM, then shuts down gracefully.</summary>
internal static class SiloCommand
{
    public static async Task<int> RunAsync(string[] args, int instance)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        var settings = builder.Configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        var siloPort = settings.SiloPort + instance;
        var gatewayPort = settings.GatewayPort + instance;
        var httpUrl = OffsetPort(builder.Configuration["Http:Url"] ?? "http://127.0.0.1:8080", instance);
        builder.WebHost.UseUrls(httpUrl);
        if (ManagementPort.Url(builder.Configuration) is { } managementUrl)
        {
            // Probes and /metrics on their own port (the service defaults bind it), offset like the others.
            builder.Configuration[ServiceDefaultsExtensions.ManagementUrlKey] = OffsetPort(managementUrl, instance);
        }

        var onKubernetes = !string.IsNullOrEmpty(builder.Configuration["KUBERNETES_SERVICE_HOST"]);

        var journalConnection = RequireConnectionString(builder.Configuration, "Journal");
        var redisConnection = RequireConnectionString(builder.Configuration, "Redis");

        // SIGTERM stops the host; the silo then drains (no new work, in-flight calls finish, grains deactivate,
        // membership says goodbye) within this budget, after which the host gives up waiting and the process exits.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownGracePeriod);
        builder.Services.AddHealthChecks()
            .AddPostgresReadiness("postgresql", journalConnection)
            .AddRedisReadiness("redis", redisConnection)
            .AddCheck<SiloStatusReadinessCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        if (builder.Configuration.GetValue("ReadModel:Enabled", defaultValue: true))
        {
            // Asking a disabled projection for its status would start it: only where it runs.
            builder.Services.AddHealthChecks().AddCheck<ReadModelLagCheck>("read-model", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
        var dashboard = builder.AddDashboardSecurity(httpUrl);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            });
            silo.Configure<SiloOptions>(options => options.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{siloPort}");
            if (onKubernetes)
            {
                // Pod name, pod IP (advertised, listening on any address) and the orleans/serviceId and
                // orleans/clusterId labels come from the pod; the Kubernetes watcher removes dead pods' silos.
                silo.Configure<EndpointOptions>(options =>
                {
                    options.SiloPort = siloPort;
                    options.GatewayPort = gatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else
            {
                silo.ConfigureEndpoints(ResolveAddress(settings.AdvertisedAddress), siloPort, gatewayPort);
            }

            // Failure detection (probe timeout, missed probes, votes) stays at Orleans' defaults unless configured;
            // the fault-injection suite lowers it so a paused silo is declared dead within seconds.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:ClusterMembership"));
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
            silo.AddActivityPropagation();
            silo.AddDashboard(options => builder.Configuration.GetSection(DashboardSettings.SectionName).Bind(options));
        });

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDashboard(dashboard);

        await app.StartAsync();
        // The options in effect: on Kubernetes the cluster id comes from the pod's labels, not from Orleans:ClusterId.
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        app.Logger.LogInformation(
            "IVR.Storage silo of cluster {ClusterId}: silo port {SiloPort}, gateway port {GatewayPort}, HTTP {HttpUrl} (dashboard {DashboardPath}, {ReadinessPath}, {AlivePath}, {MetricsPath})",
            cluster.ClusterId, siloPort, gatewayPort, httpUrl.TrimEnd('/'), dashboard.Path, ServiceDefaultsExtensions.ReadinessPath, ServiceDefaultsExtensions.AlivePath, ServiceDefaultsExtensions.MetricsPath);
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

    /// <summary>An IP address as is; a host name (a compose service name) resolved to its first IPv4 address.</summary>
    private static IPAddress ResolveAddress(string address) =>
        IPAddress.TryParse(address, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(address).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Orleans:AdvertisedAddress '{address}' does not resolve to an IPv4 address.");
}
