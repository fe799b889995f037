using Ivr.Storage.Messaging.Relay;

namespace Ivr.Storage.Messaging.Tests;

public sealed class RelayMetricsTests
{
    [Fact]
    public void the_relay_meter_is_the_one_the_service_defaults_collect() =>
        Assert.Equal(RelayMetrics.MeterName, ServiceDefaults.Telemetry.TelemetryNames.MessagingMeter);
}
