using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.ServiceDefaults.Health;

/// <summary>
/// Wraps every readiness check (tag <see cref="ServiceDefaultsExtensions.ReadyTag"/>) in a <see cref="CachedHealthCheck"/>
/// for <see cref="ServiceDefaultsExtensions.ReadinessCacheDurationKey"/> (default 2 s; zero switches caching off).
/// The wrapped checks are created from the root services, because a cached run outlives the request that started it.
/// </summary>
internal sealed class ReadinessCaching(IServiceProvider services, IConfiguration configuration) : IPostConfigureOptions<HealthCheckServiceOptions>
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(2);

    public void PostConfigure(string? name, HealthCheckServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var duration = configuration.GetValue(ServiceDefaultsExtensions.ReadinessCacheDurationKey, DefaultDuration);
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        foreach (var registration in options.Registrations.Where(registration => registration.Tags.Contains(ServiceDefaultsExtensions.ReadyTag)))
        {
            var inner = registration.Factory;
            var cached = new CachedHealthCheck(() => inner(services), duration, clock);
            registration.Factory = _ => cached;
        }
    }
}
