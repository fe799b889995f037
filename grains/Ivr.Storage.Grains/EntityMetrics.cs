using System.Diagnostics.Metrics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains;

/// <summary>Entity-level instruments (meter <c>Ivr.Storage.Entities</c>). Tagged by entity type, never by id.</summary>
public sealed class EntityMetrics : IDisposable
{
    /// <summary>Name of the meter, for OpenTelemetry registration.</summary>
    public const string MeterName = "Ivr.Storage.Entities";

    private readonly Meter _meter;
    private readonly Counter<long> _writes;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _replays;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _dropped;
    private readonly WriteStages _stages;

    public EntityMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _writes = _meter.CreateCounter<long>("ivr.entity.writes", "{version}", "Versions committed.");
        _reads = _meter.CreateCounter<long>("ivr.entity.reads", "{read}", "Reads served.");
        _conflicts = _meter.CreateCounter<long>("ivr.entity.conflicts", "{write}", "Writes refused for a concurrency conflict.");
        _replays = _meter.CreateCounter<long>("ivr.entity.idempotent_replays", "{write}", "Writes answered from an earlier write with the same idempotency key.");
        _active = _meter.CreateUpDownCounter<long>("ivr.entity.active", "{grain}", "Active entity grains on this silo.");
        _dropped = _meter.CreateCounter<long>("ivr.entity.changes.dropped", "{version}", "Committed versions not published on their live change stream because the publisher's queue was full (they are in the change feed).");
        _stages = new WriteStages(_meter);
    }

    internal void Written(string type, ChangeKind kind) =>
        _writes.Add(1, new KeyValuePair<string, object?>("entity.type", type), new KeyValuePair<string, object?>("change.kind", kind.ToString()));

    /// <summary>The stages of an acknowledged write that started (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) at <paramref name="started"/>, ending now.</summary>
    internal void WriteStages(string type, long started, Journal.AppendTiming timing) => _stages.Record(type, started, timing);

    internal void Read(string type) => _reads.Add(1, new KeyValuePair<string, object?>("entity.type", type));

    internal void Conflict(string type) => _conflicts.Add(1, new KeyValuePair<string, object?>("entity.type", type));

    internal void Replayed(string type) => _replays.Add(1, new KeyValuePair<string, object?>("entity.type", type));

    internal void Activated() => _active.Add(1);

    internal void Deactivated() => _active.Add(-1);

    internal void ChangeDropped(string type) => _dropped.Add(1, new KeyValuePair<string, object?>("entity.type", type));

    public void Dispose() => _meter.Dispose();
}
