using System.Diagnostics.Metrics;
using Ivr.Storage.Journal.GroupCommit;

namespace Ivr.Storage.Journal;

/// <summary>The journal's instruments (meter <c>Ivr.Storage.Journal</c>).</summary>
public sealed class JournalMetrics : IDisposable
{
    /// <summary>Name of the meter, for OpenTelemetry registration.</summary>
    public const string MeterName = "Ivr.Storage.Journal";

    /// <summary>
    /// Bucket bounds (seconds) of the write path's duration histograms, from 100 µs (a grain's own work) to 10 s (the
    /// stalls issue #24 hunts). OpenTelemetry's default bounds (0, 5, 10, … 10,000) would put every write in one bucket.
    /// </summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly InstrumentAdvice<double> LatencyAdvice = new() { HistogramBucketBoundaries = LatencyBuckets };

    private readonly Meter _meter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _appendLatency;
    private readonly Counter<long> _appended;
    private readonly Counter<long> _failed;
    private readonly UpDownCounter<int> _waiting;
    private readonly UpDownCounter<int> _inFlight;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _historyPages;

    public JournalMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _batchSize = _meter.CreateHistogram<int>("ivr.journal.batch.size", "{append}", "Appends written by one group commit.");
        _batchDuration = _meter.CreateHistogram("ivr.journal.batch.duration", "s", "Round trip of one group commit statement.", tags: null, LatencyAdvice);
        _appendLatency = _meter.CreateHistogram("ivr.journal.append.duration", "s", "From queueing an append to its commit.", tags: null, LatencyAdvice);
        _appended = _meter.CreateCounter<long>("ivr.journal.appends", "{append}", "Appends committed.");
        _failed = _meter.CreateCounter<long>("ivr.journal.appends.failed", "{append}", "Appends whose group commit failed.");
        _waiting = _meter.CreateUpDownCounter<int>("ivr.journal.appends.waiting", "{append}", "Appends queued for the next group commit.");
        _inFlight = _meter.CreateUpDownCounter<int>("ivr.journal.batches.in_flight", "{statement}", "Group commit statements running.");
        _refused = _meter.CreateCounter<long>("ivr.journal.appends.refused", "{append}", "Appends refused, not attempted, because the group-commit queue was full.");
        _historyPages = _meter.CreateCounter<long>("ivr.journal.history.pages", "{page}", "History pages read with Journal:HistoryFromStandbys on, by who served them (source: standby or primary).");
    }

    // Recorded by the writer under its lock, as its state changes: the sums are its queue and its statements in flight.
    internal void AppendQueued() => _waiting.Add(1);

    internal void BatchStarted(int appends)
    {
        _waiting.Add(-appends);
        _inFlight.Add(1);
    }

    internal void BatchEnded() => _inFlight.Add(-1);

    internal void RecordBatch(List<PendingAppend> batch, int inserted, TimeSpan duration)
    {
        _batchSize.Record(batch.Count);
        _batchDuration.Record(duration.TotalSeconds);
        _appended.Add(inserted);
        foreach (var pending in batch)
        {
            _appendLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(pending.EnqueuedAt).TotalSeconds);
        }
    }

    internal void RecordFailedBatch(int count) => _failed.Add(count);

    internal void RecordRefused() => _refused.Add(1);

    internal void HistoryPageServed(bool fromStandby) => _historyPages.Add(1, new KeyValuePair<string, object?>("source", fromStandby ? "standby" : "primary"));

    public void Dispose() => _meter.Dispose();
}
