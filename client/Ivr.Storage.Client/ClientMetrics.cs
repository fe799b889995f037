using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ivr.Storage.Client;

/// <summary>
/// The client library's instruments (meter <c>Ivr.Storage.Client</c>; add it to the host's meter provider, as the
/// service defaults do). <c>ivr.client.write.duration</c> is a write as its caller saw it, retries included:
/// minus the silo's <c>ivr.write.stage.duration</c> stages it leaves the hops between (client to silo and back,
/// serialisation, the call's queue before the grain's turn).
/// </summary>
public static class ClientMetrics
{
    /// <summary>Name of the meter, for OpenTelemetry registration.</summary>
    public const string MeterName = "Ivr.Storage.Client";

    /// <summary>Name of the histogram of acknowledged writes' durations as the caller saw them (seconds, tag <c>entity.type</c>).</summary>
    public const string WriteDuration = "ivr.client.write.duration";

    // Static: the facade is created without a service provider (EntityStore.Create), and a library's meter lives as long as the process.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Writes = Meter.CreateHistogram<double>(
        WriteDuration,
        "s",
        "Duration of an acknowledged write as its caller saw it, from the call to its answer, retries included.",
        tags: null,
        // The silo's bounds (JournalMetrics.LatencyBuckets, not referenced by the client), so the two histograms compare bucket by bucket.
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Records a write of <paramref name="type"/> that started (<see cref="Stopwatch.GetTimestamp"/>) at <paramref name="started"/> and is answered now.</summary>
    internal static void Written(string type, long started)
    {
        if (Writes.Enabled)
        {
            Writes.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("entity.type", type));
        }
    }
}
