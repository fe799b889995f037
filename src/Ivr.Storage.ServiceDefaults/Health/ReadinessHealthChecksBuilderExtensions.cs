using Ivr.Storage.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Readiness checks of the services IVR.Storage hosts depend on, tagged <see cref="ServiceDefaultsExtensions.ReadyTag"/>.</summary>
public static class ReadinessHealthChecksBuilderExtensions
{
    /// <summary>How long one probe of a dependency may take. The default value is 3 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Adds a readiness check that runs <c>SELECT 1</c> on one pooled PostgreSQL connection made with <paramref name="connectionString"/>.</summary>
    public static IHealthChecksBuilder AddPostgresReadiness(this IHealthChecksBuilder builder, string name, string connectionString, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limit = timeout ?? DefaultTimeout;
        // One instance (and connection pool) per registration, owned (and disposed) by the container.
        builder.Services.AddKeyedSingleton(name, (_, _) => new PostgresReadinessCheck(connectionString, limit));
        return builder.Add(new HealthCheckRegistration(
            name, services => services.GetRequiredKeyedService<PostgresReadinessCheck>(name), HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag], limit + TimeSpan.FromSeconds(1)));
    }

    /// <summary>Adds a readiness check that sends PING to Redis at <paramref name="connectionString"/>.</summary>
    public static IHealthChecksBuilder AddRedisReadiness(this IHealthChecksBuilder builder, string name, string connectionString, TimeSpan? timeout = null) =>
        builder.AddRedisReadiness(name, () => StackExchange.Redis.ConfigurationOptions.Parse(connectionString), timeout);

    /// <summary>Adds a readiness check that sends PING to the Redis <paramref name="configure"/> describes (TLS trust included).</summary>
    public static IHealthChecksBuilder AddRedisReadiness(this IHealthChecksBuilder builder, string name, Func<StackExchange.Redis.ConfigurationOptions> configure, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limit = timeout ?? DefaultTimeout;
        // One instance per registration, owned (and disposed) by the container.
        builder.Services.AddKeyedSingleton(name, (_, _) => new RedisReadinessCheck(configure, limit));
        return builder.Add(new HealthCheckRegistration(
            name, services => services.GetRequiredKeyedService<RedisReadinessCheck>(name), HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag], limit + TimeSpan.FromSeconds(1)));
    }
}
