using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains;

/// <summary>
/// The histogram <c>ivr.write.stage.duration</c> (meter <c>Ivr.Storage.Entities</c>): where an acknowledged write
/// spent its time inside the silo, in four stages that partition it, so their sum is the grain call's own duration:
/// <c>grain</c> (turn start to handing the append to the journal: validation, canonicalising, hashing, the decision,
/// head reads and earlier attempts), <c>queue</c> (waiting in group commit's queue for its statement), <c>statement</c>
/// (its batch's INSERT round trip including the commit) and <c>complete</c> (commit to the call's return: back onto
/// the grain's scheduler, head update, hand-off to the change publisher).
/// </summary>
internal sealed class WriteStages(Meter meter)
{
    public const string InstrumentName = "ivr.write.stage.duration";

    // Static tag pairs: recording allocates nothing (the type's pair is a struct holding the grain's string).
    private static readonly KeyValuePair<string, object?> Grain = new("stage", "grain");
    private static readonly KeyValuePair<string, object?> Queue = new("stage", "queue");
    private static readonly KeyValuePair<string, object?> Statement = new("stage", "statement");
    private static readonly KeyValuePair<string, object?> Complete = new("stage", "complete");

    private readonly Histogram<double> _duration = meter.CreateHistogram<double>(
        InstrumentName,
        "s",
        "Time an acknowledged write spent in each stage inside the silo (tag stage: grain, queue, statement, complete).",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = JournalMetrics.LatencyBuckets });

    /// <summary>Records the four stages of a write that started at <paramref name="started"/> and returns now.</summary>
    public void Record(string type, long started, AppendTiming timing)
    {
        if (!_duration.Enabled || !timing.IsMeasured)
        {
            return;
        }

        var answered = Stopwatch.GetTimestamp();
        var entityType = new KeyValuePair<string, object?>("entity.type", type);
        _duration.Record(Stopwatch.GetElapsedTime(started, timing.Queued).TotalSeconds, Grain, entityType);
        _duration.Record(Stopwatch.GetElapsedTime(timing.Queued, timing.StatementStarted).TotalSeconds, Queue, entityType);
        _duration.Record(Stopwatch.GetElapsedTime(timing.StatementStarted, timing.Committed).TotalSeconds, Statement, entityType);
        _duration.Record(Stopwatch.GetElapsedTime(timing.Committed, answered).TotalSeconds, Complete, entityType);
    }
}
