using Ivr.Storage.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every IVR.Storage host shares (eShop's ServiceDefaults): OpenTelemetry traces, metrics and logs, console
/// logging in JSON or simple form, and the health endpoints orchestrators probe.
/// </summary>
public static partial class ServiceDefaultsExtensions
{
    /// <summary>Liveness path: answers 200 while the process runs; checks tagged <see cref="LiveTag"/>.</summary>
    public const string AlivePath = "/alive";

    /// <summary>Readiness path: 200 when every check tagged <see cref="ReadyTag"/> is healthy, else 503.</summary>
    public const string ReadinessPath = "/health/ready";

    /// <summary>Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of the checks <see cref="AlivePath"/> runs.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks <see cref="ReadinessPath"/> runs (add them with <c>AddPostgresReadiness</c>, <c>AddRedisReadiness</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Adds logging (section <c>Logging</c>, <c>Logging:Format</c> = <c>json</c> or <c>simple</c>), OpenTelemetry and
    /// the liveness check. Hosts add their readiness checks to the returned builder's health checks.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureConsoleLogging();
        builder.ConfigureOpenTelemetry();
        // Liveness says only that the process can answer: a dependency outage must not get the pod restarted.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy("The process answers."), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <see cref="AlivePath"/>, <see cref="ReadinessPath"/> and the Prometheus endpoint <see cref="MetricsPath"/>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>True for the probe and scrape paths, which are kept out of traces.</summary>
    internal static bool IsInfrastructurePath(string path) =>
        path.StartsWith(AlivePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
