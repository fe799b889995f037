using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// Writes through the client library into a three-silo cluster, captured with OpenTelemetry's in-memory exporters
/// listening to the sources and meters the hosts export: each write's trace runs from the caller's span through the
/// grain call (on whichever silo holds the entity) to the group commit and its INSERT, the correlation id defaults to
/// the caller's trace id and sits on the grain's span, and the instruments count the writes.
/// </summary>
[Collection(InProcessClusterCollection.Name)]
public sealed class ClusterTelemetryTests : IAsyncLifetime
{
    private const int Entities = 12;
    private const int MaxBatches = 10;
    private static readonly ActivitySource Caller = new("Ivr.Storage.Silo.Tests.Caller");
    private readonly InProcessEntityCluster _cluster = new(silos: 3);
    private readonly string _type = "telemetry-" + Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task writes_into_three_silos_are_traced_from_caller_to_insert_and_counted()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (var tracing = Sdk.CreateTracerProviderBuilder()
                   .AddSource(Caller.Name).AddSource([.. TelemetryNames.ActivitySources]).AddSource("Npgsql")
                   .AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter([.. TelemetryNames.Meters]).AddInMemoryExporter(metrics).Build())
        {
            // Placement decides where entities live (by the silos' load, on a busy machine sometimes all on one):
            // batches are written until the entities live on more than one silo, so some traces cross silos.
            var writes = new List<(ActivityContext Caller, EntityKey Key)>();
            for (var batch = 0; batch < MaxBatches && (batch == 0 || (await _cluster.EntityActivationsPerSiloAsync(_type)).Count < 2); batch++)
            {
                for (var i = batch * Entities; i < (batch + 1) * Entities; i++)
                {
                    using var call = Caller.StartActivity("write")!;
                    var key = EntityKey.Create(_type, "e" + i);
                    var written = await _cluster.Store.PutAsync(key, $$"""{"i":{{i}}}""");
                    Assert.Equal(1, written.Version);
                    writes.Add((call.Context, key));
                }
            }

            tracing.ForceFlush(10_000);
            meters.ForceFlush(10_000);

            var captured = Snapshot(spans);
            foreach (var (caller, key) in writes)
            {
                var inTrace = captured.Where(span => span.TraceId == caller.TraceId).ToList();
                var served = Assert.Single(inTrace, span => span.Kind == ActivityKind.Server && span.Source.Name == TelemetryNames.OrleansApplicationSource
                    && span.DisplayName.Contains("IEntityGrain", StringComparison.Ordinal));
                // The type, not the id: ids are exported only on request (Telemetry:RecordEntityIds), and a host with the
                // service defaults running beside this test in the same process removes them from every span it sees.
                Assert.Equal(key.Type, served.GetTagItem(SpanTags.EntityType));
                Assert.Equal(caller.TraceId.ToHexString(), served.GetTagItem(SpanTags.CorrelationId));
                Assert.Equal(1L, served.GetTagItem(SpanTags.EntityVersion));

                var batch = Assert.Single(captured, span => span.Source.Name == TelemetryNames.JournalSource
                    && (span.ParentSpanId == served.SpanId || span.Links.Any(link => link.Context.SpanId == served.SpanId)));
                Assert.Contains(captured, span => span.Source.Name == "Npgsql" && span.ParentSpanId == batch.SpanId);
            }

            // The entities live on more than one silo, so some of these traces crossed from one silo to another.
            Assert.True((await _cluster.EntityActivationsPerSiloAsync(_type)).Count > 1, $"the {writes.Count} entities are spread over the silos");
            var counted = metrics.Where(metric => metric.Name == "ivr.entity.writes").Sum(metric => SumFor(metric, "entity.type", _type));
            Assert.Equal(writes.Count, counted);
            Assert.Contains(metrics, metric => metric.Name == "ivr.journal.append.duration");
        }
    }

    private static long SumFor(Metric metric, string tag, string value)
    {
        long total = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var pointTag in point.Tags)
            {
                if (pointTag.Key == tag && Equals(pointTag.Value, value))
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }
}
