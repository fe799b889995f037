using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>Relay instruments (meter <c>Ivr.Storage.Messaging</c>): messages confirmed and each relay's lag, tagged <c>relay</c>.</summary>
public sealed class RelayMetrics : IDisposable
{
    public const string MeterName = "Ivr.Storage.Messaging";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, RelayStatus> _relays = new();

    public RelayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("ivr.relay.messages", () => Measure(s => s.Published), "{message}", "Messages the relay published and the broker confirmed.");
        _meter.CreateObservableGauge("ivr.relay.lag", () => Measure(s => s.LagSeconds), "s", "Commit-to-confirm delay of the relay's last batch; 0 when caught up.");
    }

    internal void Published(RelayStatus status) => _relays[status.Name] = status;

    private IEnumerable<Measurement<T>> Measure<T>(Func<RelayStatus, T> value)
        where T : struct =>
        _relays.Values.Select(s => new Measurement<T>(value(s), new KeyValuePair<string, object?>("relay", s.Name)));

    public void Dispose() => _meter.Dispose();
}
