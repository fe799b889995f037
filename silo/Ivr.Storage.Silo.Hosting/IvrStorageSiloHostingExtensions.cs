using System.Net;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Silo.Hosting;
using Ivr.Storage.Silo.Hosting.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one way an IVR.Storage silo is configured, for the silo host, the benchmark and the test clusters.</summary>
public static class IvrStorageSiloHostingExtensions
{
    /// <summary>
    /// Adds service defaults (telemetry, logging, liveness), readiness checks and an Orleans silo: cluster ids,
    /// name and endpoints (section <c>Orleans</c>) and Redis membership unless the host provides them, mutual TLS and caller checks (<c>Orleans:Tls</c>,
    /// <c>Security:Callers</c>), Orleans' ADO.NET storage and the entity store on <c>ConnectionStrings:Journal</c>,
    /// and trace propagation. Returns the settings in effect.
    /// </summary>
    public static SiloSettings AddIvrStorageSilo(this IHostApplicationBuilder builder, IvrStorageSiloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        options ??= new IvrStorageSiloOptions();
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(SiloSettings.SectionName).Get<SiloSettings>() ?? new SiloSettings();
        settings.SiloPort += options.PortOffset;
        settings.GatewayPort += options.PortOffset;
        var journal = RequireConnectionString(configuration, "Journal");
        var redis = options.Membership == SiloMembership.Redis ? RequireConnectionString(configuration, "Redis") : null;
        var tls = configuration.GetSection(SiloSettings.SectionName + ":Tls").Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        var certificates = ClusterCertificates.Load(tls);

        builder.AddServiceDefaults();
        // SIGTERM stops the host; the silo then drains (no new work, in-flight calls finish, grains deactivate,
        // membership says goodbye) within this budget, after which the host gives up waiting and the process exits.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = settings.ShutdownGracePeriod);
        AddReadiness(builder, journal, redis, certificates);

        builder.UseOrleans(silo =>
        {
            if (redis is not null)
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = settings.ClusterId;
                    cluster.ServiceId = settings.ServiceId;
                });
                silo.Configure<SiloOptions>(silo => silo.SiloName = settings.SiloName ?? $"{Environment.MachineName}-{settings.SiloPort}");
                ConfigureEndpoints(silo, settings, configuration);
                silo.UseRedisClustering(clustering =>
                {
                    clustering.ConfigurationOptions = RedisTls.Options(redis, certificates.Authorities);
                    clustering.EntryExpiry = settings.RedisEntryExpiry;
                });
            }

            // Failure detection (probe timeout, missed probes, votes) stays at Orleans' defaults unless configured;
            // the fault-injection suite lowers it so a paused silo is declared dead within seconds.
            silo.Configure<ClusterMembershipOptions>(configuration.GetSection(SiloSettings.SectionName + ":ClusterMembership"));
            silo.UseClusterSecurity(certificates, tls);
            silo.AddCallerAuthorization();
            // Orleans' own ADO.NET storage keeps every other grain's state (one row per grain, rewritten in place).
            // Entity history never goes there: it lives in the append-only journal.
            silo.AddAdoNetGrainStorageAsDefault(storage =>
            {
                storage.Invariant = "Npgsql";
                storage.ConnectionString = journal;
            });
            silo.AddEntityGrains();
            // RabbitMQ relays (section Messaging): off unless relays are configured.
            silo.AddMessageRelays();
            // A caller's trace continues into the grain and its journal statement.
            silo.AddActivityPropagation();
        });
        return settings;
    }

    private static void AddReadiness(IHostApplicationBuilder builder, string journal, string? redis, ClusterCertificates certificates)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddPostgresReadiness("postgresql", journal)
            .AddCheck<SiloStatusReadinessCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        if (redis is not null)
        {
            checks.AddRedisReadiness("redis", () => RedisTls.Options(redis, certificates.Authorities));
        }

        if (builder.Configuration.GetValue("ReadModel:Enabled", defaultValue: true))
        {
            // Asking a disabled projection for its status would start it: only where it runs.
            checks.AddCheck<ReadModelLagCheck>("read-model", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }
    }

    private static void ConfigureEndpoints(ISiloBuilder silo, SiloSettings settings, IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration["KUBERNETES_SERVICE_HOST"]))
        {
            // Pod name, pod IP (advertised, listening on any address) and the orleans/serviceId and
            // orleans/clusterId labels come from the pod; the Kubernetes watcher removes dead pods' silos.
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = settings.SiloPort;
                endpoints.GatewayPort = settings.GatewayPort;
            });
            silo.UseKubernetesHosting();
            return;
        }

        var address = ResolveAddress(settings.AdvertisedAddress);
        silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort);
    }

    private static string RequireConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set ConnectionStrings:{name} (environment variable ConnectionStrings__{name}); deploy/local/services.sh writes the local values.");

    /// <summary>An IP address as is; a host name (a compose service name) resolved to its first IPv4 address.</summary>
    private static IPAddress ResolveAddress(string address) =>
        IPAddress.TryParse(address, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(address).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Orleans:AdvertisedAddress '{address}' does not resolve to an IPv4 address.");
}
