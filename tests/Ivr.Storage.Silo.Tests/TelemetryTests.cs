using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Grains;
using Ivr.Storage.Journal;
using Ivr.Storage.ServiceDefaults.Telemetry;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// The service defaults' OpenTelemetry wiring on a silo with activity propagation, captured with the in-memory
/// exporters: one write yields the grain call's spans, the journal's Npgsql INSERT and our instruments.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public void the_exported_meter_and_source_names_are_the_ones_our_instruments_use()
    {
        Assert.Equal(JournalMetrics.MeterName, TelemetryNames.JournalMeter);
        Assert.Equal(EntityMetrics.MeterName, TelemetryNames.EntitiesMeter);
        Assert.Equal(Ivr.Storage.Client.ClientMetrics.MeterName, TelemetryNames.ClientMeter);
        Assert.Equal(JournalActivitySource.Name, TelemetryNames.JournalSource);
        Assert.Equal(SpanTags.EntityId, TelemetryNames.EntityIdTag);
    }

    [Fact]
    public async Task a_write_produces_grain_call_and_npgsql_spans_and_entity_and_journal_metrics()
    {
        await TestServices.RequirePostgresAsync();
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development", DisableDefaults = true });
        var settings = SiloConfiguration.Common(TestServices.JournalConnectionString, runProjection: false, tls: false);
        settings["Logging:LogLevel:Default"] = "Information";
        builder.Configuration.AddInMemoryCollection(settings);
        // The silo host's own configuration (service defaults, activity propagation), on localhost membership.
        builder.AddIvrStorageSilo(new Silo.Hosting.IvrStorageSiloOptions { Membership = Silo.Hosting.SiloMembership.ProvidedByHost });
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePorts.Any(), FreePorts.Any(), serviceId: "telemetry-tests", clusterId: "telemetry-" + Guid.NewGuid().ToString("N")[..8]));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var key = EntityKey.Create("telemetry", Guid.NewGuid().ToString("N"));
            var grain = host.Services.GetRequiredService<IClusterClient>().GetGrain<IEntityGrain>(key.ToGrainKey());
            var written = await grain.Put("""{"traced":true}""", new WriteOptions { Provenance = new Provenance { Source = "telemetry-tests" } });
            Assert.Equal(1, written.Version);

            Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            // Not asserted: the Prometheus reader is pull-only and reports a push flush as unsuccessful.
            host.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
            Activity[] captured;
            lock (spans)
            {
                captured = [.. spans];
            }

            var grainCalls = captured.Where(span => span.Source.Name == TelemetryNames.OrleansApplicationSource && span.DisplayName.Contains("IEntityGrain", StringComparison.Ordinal) && span.DisplayName.Contains("Put", StringComparison.Ordinal)).ToList();
            Assert.True(grainCalls.Any(span => span.Kind == ActivityKind.Client) && grainCalls.Any(span => span.Kind == ActivityKind.Server),
                $"client and server spans of IEntityGrain.Put; captured: {Describe(captured)}");
            // Entity ids may be personal data: by default no exported span names one (the type stays).
            Assert.DoesNotContain(captured, span => span.DisplayName.Contains(key.Id, StringComparison.Ordinal)
                || span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(key.Id, StringComparison.Ordinal) == true));
            Assert.Contains(grainCalls, span => Equals(span.GetTagItem(SpanTags.EntityType), key.Type));
            Assert.True(
                captured.Any(span => span.Source.Name == "Npgsql" && span.TagObjects.Any(tag => tag.Value is string text && text.Contains("INSERT INTO ivr.journal", StringComparison.Ordinal))),
                $"an Npgsql span of the journal INSERT; captured: {Describe(captured)}");

            Assert.True(Sum(metrics, "ivr.entity.writes", ("entity.type", key.Type)) >= 1, "ivr.entity.writes counted the write under its entity type");
            Assert.True(Sum(metrics, "ivr.journal.appends") >= 1, "ivr.journal.appends counted the append");
            Assert.Contains(metrics, metric => metric.Name == "ivr.journal.batch.duration");
            // Exported with our bucket bounds (the instrument's advice), not OpenTelemetry's defaults that start at 5 s.
            Assert.Equal(JournalMetrics.LatencyBuckets.Append(double.PositiveInfinity), Buckets(metrics, "ivr.write.stage.duration"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static List<double> Buckets(List<MetricSnapshot> metrics, string name)
    {
        MetricSnapshot[] snapshot;
        lock (metrics)
        {
            snapshot = [.. metrics];
        }

        var bounds = new List<double>();
        foreach (var point in snapshot.Last(metric => metric.Name == name).MetricPoints.Take(1))
        {
            foreach (var bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }
        }

        return bounds;
    }

    private static long Sum(List<MetricSnapshot> metrics, string name, (string Key, string Value)? tag = null)
    {
        long total = 0;
        MetricSnapshot[] snapshot;
        lock (metrics)
        {
            snapshot = [.. metrics];
        }

        foreach (var metric in snapshot.Where(metric => metric.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                var matches = tag is null;
                foreach (var pointTag in point.Tags)
                {
                    matches |= tag is { } wanted && pointTag.Key == wanted.Key && Equals(pointTag.Value, wanted.Value);
                }

                if (matches)
                {
                    // Cumulative temporality: the latest export holds the running total.
                    total = Math.Max(total, point.GetSumLong());
                }
            }
        }

        return total;
    }

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join("; ", spans.Select(span => $"{span.Source.Name}:{span.Kind}:{span.DisplayName}"));
}
