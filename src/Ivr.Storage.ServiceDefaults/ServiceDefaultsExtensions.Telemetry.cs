using Ivr.Storage.ServiceDefaults.Hosting;
using Ivr.Storage.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static partial class ServiceDefaultsExtensions
{
    /// <summary>Setting that switches the OTLP exporter on (the standard OpenTelemetry environment variable).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Setting that lets entity ids into exported spans (<c>ivr.entity.id</c>, Orleans' grain ids, URL paths). Ids may
    /// be personal data, so the default value is <see langword="false"/>: only entity types are exported.
    /// </summary>
    public const string RecordEntityIdsKey = "Telemetry:RecordEntityIds";

    private static void ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : builder.Environment.ApplicationName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter([.. TelemetryNames.Meters])
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // First, so every exporter added after it (OTLP, tests' in-memory ones) sees the redacted span.
                .AddProcessor(services => new EntityIdRedactionProcessor(services.GetRequiredService<IConfiguration>().GetValue<bool>(RecordEntityIdsKey)))
                .AddSource(serviceName)
                .AddSource([.. TelemetryNames.ActivitySources])
                // Probes and scrapes arrive every few seconds: tracing them would drown the real requests.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !ManagementPort.IsManagementPath(context.Request.Path))
                .AddNpgsql());

        // Without an endpoint the OTLP exporter would retry against localhost:4317 forever; Prometheus still works.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
