using Ivr.Storage.ServiceDefaults.Health;
using Ivr.Storage.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Setting for the URL of the management listener (e.g. <c>http://0.0.0.0:9090</c>). When set, the host listens
    /// there too and serves <see cref="AlivePath"/>, <see cref="ReadinessPath"/> and <see cref="MetricsPath"/> only
    /// there (404 elsewhere). The default value is unset: they share the host's listener.
    /// </summary>
    public const string ManagementUrlKey = "Management:Url";

    /// <summary>
    /// Setting for how long a readiness result is reused (a <see cref="TimeSpan"/>; zero: every probe runs the checks).
    /// The default value is 2 seconds.
    /// </summary>
    public const string ReadinessCacheDurationKey = "Health:ReadinessCacheDuration";

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
        builder.Services.AddSingleton<IPostConfigureOptions<HealthCheckServiceOptions>, ReadinessCaching>();
        builder.Services.AddTransient<IStartupFilter, ManagementPortFilter>();
        return builder;
    }

    /// <summary>
    /// Maps <see cref="AlivePath"/>, <see cref="ReadinessPath"/> and the Prometheus endpoint <see cref="MetricsPath"/>,
    /// and with <see cref="ManagementUrlKey"/> set, adds that listener beside the host's own.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.ListenForManagement();
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

    /// <summary>
    /// Binds the management URL as well as the host's own URLs (which the server would otherwise take from the
    /// configuration only while no address is set). The in-memory test server has no addresses and binds nothing.
    /// </summary>
    private static void ListenForManagement(this WebApplication app)
    {
        if (ManagementPort.Url(app.Configuration) is not { } management
            || app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>() is not { } server)
        {
            return;
        }

        _ = ManagementPort.Port(app.Configuration);
        if (server.Addresses.Count == 0)
        {
            foreach (var url in ListenerUrls.Server(app.Configuration))
            {
                server.Addresses.Add(url);
            }
        }

        server.Addresses.Add(management);
        app.Logger.LogInformation("Probes and metrics ({AlivePath}, {ReadinessPath}, {MetricsPath}) are served on {ManagementUrl} only", AlivePath, ReadinessPath, MetricsPath, management);
    }
}
