using Ivr.Storage.Contracts;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>Writes through the cluster's client reach RabbitMQ through the relays the silo runs.</summary>
public sealed class RelayInClusterTests(RelayClusterFixture fixture) : IClassFixture<RelayClusterFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task every_write_reaches_the_exchange_once_in_per_entity_order_and_a_notification_relay_sees_only_deletes_without_payloads()
    {
        var keys = Enumerable.Range(0, 8).Select(i => EntityKey.Create("call-session", $"c-{i}-{Guid.NewGuid():N}")).ToArray();
        await Task.WhenAll(keys.Select(async key =>
        {
            var grain = fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey());
            var by = new WriteOptions { Provenance = new Provenance { Source = "relay-tests", CorrelationId = "corr-" + key.Id } };
            await grain.Put("""{"state":"ringing"}""", by);
            await grain.Patch("""{"state":"answered"}""", by);
            await grain.Delete(by);
        }));

        var all = await ReceiveAsync(fixture.All, keys.Length * 3);
        var deletes = await ReceiveAsync(fixture.Deletes, keys.Length);

        Assert.Equal(keys.Length * 3, all.Count);
        foreach (var key in keys)
        {
            var ours = all.Where(m => TestQueue.Header(m, CloudEventHeaders.Subject) == key.ToGrainKey()).ToArray();
            Assert.Equal([$"{key}@1", $"{key}@2", $"{key}@3"], ours.Select(m => m.BasicProperties.MessageId!));
            Assert.Equal(["call-session.put", "call-session.patch", "call-session.delete"], ours.Select(m => m.RoutingKey));
            Assert.All(ours, m => Assert.Equal("corr-" + key.Id, m.BasicProperties.CorrelationId));
        }

        Assert.Equal(keys.Select(k => $"{k}@3").Order(), deletes.Select(m => m.BasicProperties.MessageId!).Order());
        Assert.All(deletes, m => Assert.True(m.Body.IsEmpty));
    }

    private static async Task<IReadOnlyList<BasicGetResult>> ReceiveAsync(TestQueue queue, int expected)
    {
        await Eventually.HoldsAsync(async () => (await queue.DrainAsync()).Count >= expected, Bound, () => $"{queue.Received.Count} of {expected} messages arrived");
        return queue.Received;
    }
}
