using Ivr.Storage.Client;
using Ivr.Storage.Client.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Ivr.Storage.Security.Certificates;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="IEntityStore"/>, <see cref="IChangeFeed"/>, <see cref="IReadModel"/> and, unless the host already runs one, the Orleans client it talks through.</summary>
public static class IvrStorageClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an Orleans client that finds the cluster's gateways in Redis (no silo addresses) and the
    /// <see cref="IEntityStore"/>, <see cref="IChangeFeed"/> and <see cref="IReadModel"/> facades over it. The client connects when the host starts.
    /// </summary>
    public static IServiceCollection AddIvrStorageClient(this IServiceCollection services, Action<IvrStorageClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IvrStorageClientOptions>().Configure(configure);
        return services.AddClusterClient();
    }

    /// <summary>
    /// Same as the other overload, with the options bound from the <c>IvrStorage</c> section of
    /// <paramref name="configuration"/>; an empty <c>RedisConnectionString</c> falls back to <c>ConnectionStrings:Redis</c>.
    /// </summary>
    public static IServiceCollection AddIvrStorageClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IvrStorageClientOptions>()
            .Bind(configuration.GetSection(IvrStorageClientOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
                {
                    options.RedisConnectionString = configuration.GetConnectionString("Redis") ?? string.Empty;
                }
            });
        return services.AddClusterClient();
    }

    /// <summary>
    /// Adds only the facades (<see cref="IEntityStore"/>, <see cref="IChangeFeed"/>, <see cref="IReadModel"/>), over the <see cref="IGrainFactory"/> the host already has
    /// (a host that runs its own Orleans client, or a silo). Only <see cref="IvrStorageClientOptions.Source"/> and the
    /// resilience settings matter here.
    /// </summary>
    public static IServiceCollection AddIvrStorageFacade(this IServiceCollection services, Action<IvrStorageClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IvrStorageClientOptions>().Configure(configure);
        services.AddSingleton<IValidateOptions<IvrStorageClientOptions>>(new IvrStorageClientOptionsValidator { RequireCluster = false });
        return services.AddFacade();
    }

    private static IServiceCollection AddClusterClient(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<IvrStorageClientOptions>>(new IvrStorageClientOptionsValidator());
        services.AddOptions<IvrStorageClientOptions>().ValidateOnStart();
        // Activity propagation: a request's trace continues from the gateway or worker into the grain and its database calls.
        // Mutual TLS and caller tokens: the silos refuse a client without a certificate of the cluster's CA.
        services.AddOrleansClient(client => client
            .UseRedisClustering(_ => { })
            .AddActivityPropagation()
            .UseClusterSecurity(provider => provider.GetRequiredService<IOptions<IvrStorageClientOptions>>().Value.Tls));

        // The Orleans options are derived from ours when first resolved, so both overloads (delegate and configuration) feed them.
        services.AddOptions<RedisClusteringOptions>().Configure<IOptions<IvrStorageClientOptions>, ClusterCertificates>((redis, ours, certificates) =>
            redis.ConfigurationOptions = RedisTls.Options(ours.Value.RedisConnectionString, certificates.Authorities));
        services.AddOptions<ClusterOptions>().Configure<IOptions<IvrStorageClientOptions>>((cluster, ours) =>
        {
            cluster.ClusterId = ours.Value.ClusterId;
            cluster.ServiceId = ours.Value.ServiceId;
        });
        services.AddOptions<GatewayOptions>().Configure<IOptions<IvrStorageClientOptions>>((gateway, ours) =>
            gateway.GatewayListRefreshPeriod = ours.Value.GatewayListRefreshPeriod);
        services.AddOptions<ClientMessagingOptions>().Configure<IOptions<IvrStorageClientOptions>>((messaging, ours) =>
            messaging.ResponseTimeout = ours.Value.ResponseTimeout);
        // Orleans registers a default filter of its own (15 attempts over 3 minutes); ours follows IvrStorageClientOptions.
        services.Replace(ServiceDescriptor.Singleton<IClientConnectionRetryFilter, ConnectRetryFilter>());
        return services.AddFacade();
    }

    private static IServiceCollection AddFacade(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => EntityStore.Create(
            provider.GetRequiredService<IGrainFactory>(),
            provider.GetRequiredService<IOptions<IvrStorageClientOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<EntityStore>()));
        // One instance behind the facades, so they share one circuit breaker.
        services.TryAddSingleton<IEntityStore>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<IChangeFeed>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<IReadModel>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<ISchemaRegistry>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<IAuditLog>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<ICorrelationReader>(provider => provider.GetRequiredService<EntityStore>());
        services.TryAddSingleton<ICausationLookup>(provider => provider.GetRequiredService<EntityStore>());
        return services;
    }
}
