using System.Diagnostics.Metrics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Ivr.Storage.Gateway.WebConsole;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// The Health page shows each RabbitMQ relay's lag as a silo exports it: a real <see cref="RelayMetrics"/> gauge,
/// exported by the real OpenTelemetry Prometheus endpoint (the gateway's own management port stands in for a silo's:
/// both export the same meters), scraped through <c>Console:SiloMetricsUrl</c>.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ConsoleRelayLagTests(GatewayFixture fixture)
{
    [Fact]
    public async Task the_health_page_lists_each_relay_with_its_lag_from_the_silo_metrics()
    {
        var (apiPort, managementPort) = (FreePorts.Any(), FreePorts.Any());
        await using var gateway = fixture.With(
            ("Urls", $"http://127.0.0.1:{apiPort}"),
            ("Management:Url", $"http://127.0.0.1:{managementPort}"),
            ("Console:SiloMetricsUrl", $"http://127.0.0.1:{managementPort}/metrics"));
        gateway.UseKestrel();
        gateway.StartServer();
        var relay = "bi-" + Guid.NewGuid().ToString("N")[..8];
        using var metrics = new RelayMetrics(gateway.Services.GetRequiredService<IMeterFactory>());
        metrics.Published(new RelayStatus(relay, FeedPosition.Start, DateTimeOffset.UtcNow, LagSeconds: 0.25, Published: 7));
        using var client = await ConsoleClient.SignedInAsync(new Uri($"http://127.0.0.1:{apiPort}"), TestCallers.Reader);

        var page = await client.PageAsync("/console/health");

        Assert.Contains("RabbitMQ relays", page, StringComparison.Ordinal);
        Assert.Contains($"<td>{relay}</td><td>0.250 s</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void relay_lags_are_read_by_name_from_the_text_format_and_other_series_are_ignored()
    {
        const string text = """
            # TYPE ivr_relay_lag_seconds gauge
            # HELP ivr_relay_lag_seconds Commit-to-confirm delay of the relay's last batch; 0 when caught up.
            ivr_relay_lag_seconds{otel_scope_name="Ivr.Storage.Messaging",relay="notifications"} 0 1765130000000
            ivr_relay_lag_seconds{otel_scope_name="Ivr.Storage.Messaging",relay="bi"} 1.5 1765130000000
            ivr_relay_messages_total{otel_scope_name="Ivr.Storage.Messaging",relay="bi"} 42 1765130000000
            ivr_journal_batch_size_sum 30
            ivr_journal_batch_size_count 10
            """;

        var (rows, note) = SiloMetrics.RelayLags(text);
        var (batches, _) = SiloMetrics.BatchSizes(text);

        Assert.Null(note);
        Assert.Equal([("bi", "1.500 s"), ("notifications", "0.000 s")], rows);
        Assert.Contains(("Mean batch size", "3.0"), batches);
        Assert.NotNull(SiloMetrics.RelayLags("ivr_journal_batch_size_count 1").Note);
    }
}
