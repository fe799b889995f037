using System.Diagnostics.Metrics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>Read-model instruments (meter <c>Ivr.Storage.ReadModel</c>): changes applied and commit-to-projection lag.</summary>
public sealed class ReadModelMetrics : IDisposable
{
    public const string MeterName = "Ivr.Storage.ReadModel";

    private readonly Meter _meter;
    private readonly Counter<long> _applied;
    private readonly Histogram<double> _lag;
    private double _lastLagSeconds;
    private long _lastPosition;

    public ReadModelMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _applied = _meter.CreateCounter<long>("ivr.readmodel.changes", "{change}", "Changes applied to the read model.");
        _lag = _meter.CreateHistogram<double>("ivr.readmodel.lag", "s", "Commit-to-projection delay of each applied batch's last change.");
        _meter.CreateObservableGauge("ivr.readmodel.lag.current", () => _lastLagSeconds, "s", "Commit-to-projection delay of the last batch.");
        _meter.CreateObservableGauge("ivr.readmodel.position", () => Interlocked.Read(ref _lastPosition), "{position}", "Journal position the read model has reached.");
    }

    internal void Applied(ProjectionStatus status, int changes)
    {
        _applied.Add(changes, new KeyValuePair<string, object?>("projection", status.Name));
        _lag.Record(status.LagSeconds, new KeyValuePair<string, object?>("projection", status.Name));
        _lastLagSeconds = status.LagSeconds;
        Interlocked.Exchange(ref _lastPosition, status.Position.Position);
    }

    public void Dispose() => _meter.Dispose();
}
