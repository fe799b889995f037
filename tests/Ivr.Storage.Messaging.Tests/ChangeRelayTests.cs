using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>The relay against the real broker and a database of each test's own, so the feed holds exactly what the test wrote.</summary>
public sealed class ChangeRelayTests
{
    [Fact]
    public async Task every_version_is_published_once_in_per_entity_order_as_a_cloud_event()
    {
        await using var harness = await RelayHarness.StartAsync();
        var written = await WriteAsync(harness.Journal.Journal, entities: 5, versions: 6);
        var relay = harness.NewRelay();
        await relay.ClaimAsync();
        await using var channel = await harness.ChannelAsync();
        await relay.DeclareAsync(channel);

        var received = await CatchUpUntilAsync(relay, channel, harness.Queue, written.Count);

        Assert.Equal(written.Count, received.Count);
        foreach (var group in received.GroupBy(m => TestQueue.Header(m, CloudEventHeaders.Subject)))
        {
            var versions = group.Select(m => long.Parse(TestQueue.Header(m, CloudEventHeaders.EntityVersion), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(1, 6).Select(v => (long)v), versions);
        }

        var first = written[0];
        var message = received.Single(m => m.BasicProperties.MessageId == $"{first.Key}@1");
        Assert.Equal($"{first.Key.Type}.put", message.RoutingKey);
        Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
        Assert.Equal("corr-" + first.Key.Id, message.BasicProperties.CorrelationId);
        Assert.Equal("application/json", message.BasicProperties.ContentType);
        Assert.Equal("1.0", TestQueue.Header(message, CloudEventHeaders.SpecVersion));
        Assert.Equal($"{first.Key}@1", TestQueue.Header(message, CloudEventHeaders.Id));
        Assert.Equal(ChangeEvent.EventSource, TestQueue.Header(message, CloudEventHeaders.Source));
        Assert.Equal("ivr.storage.entity.put.v1", TestQueue.Header(message, CloudEventHeaders.Type));
        Assert.Equal(first.Key.ToGrainKey(), TestQueue.Header(message, CloudEventHeaders.Subject));
        Assert.Equal(Convert.ToHexStringLower(first.Hash), TestQueue.Header(message, CloudEventHeaders.Hash));
        Assert.Equal(first.Payload, System.Text.Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(relay.Status.Position.ToString(), await harness.StoredCheckpointAsync("test"));
    }

    [Fact]
    public async Task a_stale_relay_cannot_advance_the_checkpoint_of_the_one_that_claimed_after_it()
    {
        await using var harness = await RelayHarness.StartAsync();
        var written = await WriteAsync(harness.Journal.Journal, entities: 3, versions: 4);
        await using var channel = await harness.ChannelAsync();
        var stale = harness.NewRelay();
        await stale.ClaimAsync();
        var current = harness.NewRelay();
        await current.ClaimAsync();
        var before = await harness.StoredCheckpointAsync("test");

        // The stale relay may publish (duplicates carry the same message ids) but its checkpoint move is refused.
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    await stale.RunOnceAsync(channel);
                    return null;
                }
                catch (RelayFencedException fenced)
                {
                    return fenced;
                }
            },
            TimeSpan.FromSeconds(30),
            () => "the stale relay never met a change to publish");
        Assert.Equal(before, await harness.StoredCheckpointAsync("test"));

        await CatchUpUntilAsync(current, channel, harness.Queue, written.Count);
        Assert.Equal(current.Status.Position.ToString(), await harness.StoredCheckpointAsync("test"));
    }

    [Fact]
    public async Task the_checkpoint_does_not_move_past_a_batch_the_broker_did_not_confirm()
    {
        await using var harness = await RelayHarness.StartAsync();
        await WriteAsync(harness.Journal.Journal, entities: 2, versions: 2);
        // An exchange that does not exist: the broker closes the channel instead of confirming.
        var relay = harness.NewRelay(o => o.Exchange = "ivr.test.missing." + Guid.NewGuid().ToString("N"));
        await relay.ClaimAsync();
        var before = await harness.StoredCheckpointAsync("test");

        await Eventually.ValueAsync(
            async () =>
            {
                await using var channel = await harness.ChannelAsync();
                try
                {
                    return await relay.RunOnceAsync(channel) == 0 ? null : new InvalidOperationException("moved");
                }
                catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.PublishException)
                {
                    return ex;
                }
            },
            TimeSpan.FromSeconds(30),
            () => "the relay never tried to publish");
        Assert.Equal(before, await harness.StoredCheckpointAsync("test"));
        Assert.Equal(0, relay.Status.Published);
    }

    [Fact]
    public async Task a_relay_publishes_only_the_types_and_kinds_it_selects_and_without_payloads_when_asked()
    {
        await using var harness = await RelayHarness.StartAsync();
        var calls = await WriteAsync(harness.Journal.Journal, entities: 2, versions: 3, type: "call-session");
        await WriteAsync(harness.Journal.Journal, entities: 2, versions: 3, type: "agent");
        var relay = harness.NewRelay(o =>
        {
            o.Types.Add("call-*");
            o.Kinds.Add(ChangeKind.Patch);
            o.IncludePayloads = false;
        });
        await relay.ClaimAsync();
        await using var channel = await harness.ChannelAsync();

        var received = await CatchUpUntilAsync(relay, channel, harness.Queue, expected: 4);

        Assert.All(received, m => Assert.Equal("call-session.patch", m.RoutingKey));
        Assert.All(received, m => Assert.True(m.Body.IsEmpty));
        Assert.Equal(calls.Where(r => r.Kind == ChangeKind.Patch).Select(r => $"{r.Key}@{r.Version}").Order(), received.Select(m => m.BasicProperties.MessageId!).Order());
    }

    /// <summary>Chains of <paramref name="versions"/> per entity (put, then patches), written concurrently across entities.</summary>
    internal static async Task<List<JournalRecord>> WriteAsync(IEntityJournal journal, int entities, int versions, string type = "relay-test")
    {
        var chains = Enumerable.Range(0, entities).Select(_ =>
        {
            var key = EntityKey.Create(type, Guid.NewGuid().ToString("N"));
            var chain = new List<JournalRecord>();
            JournalRecord? previous = null;
            for (var v = 1; v <= versions; v++)
            {
                previous = TestChains.Next(key, previous, $$"""{"n":{{v}}}""", kind: v == 1 ? ChangeKind.Put : ChangeKind.Patch);
                previous = previous with { Provenance = previous.Provenance with { CorrelationId = "corr-" + key.Id } };
                previous = previous with { Hash = ChainHash.Compute(previous) };
                chain.Add(previous);
            }

            return chain;
        }).ToList();
        await Task.WhenAll(chains.Select(async chain =>
        {
            foreach (var record in chain)
            {
                Assert.IsType<AppendOutcome.Committed>(await journal.AppendAsync(record));
            }
        }));
        return [.. chains.SelectMany(c => c)];
    }

    /// <summary>
    /// Runs the relay until <paramref name="expected"/> messages arrived (the feed shows a change once no older
    /// transaction on the server runs, and other tests share the server, so a first catch-up may see less).
    /// </summary>
    internal static async Task<IReadOnlyList<BasicGetResult>> CatchUpUntilAsync(ChangeRelay relay, IChannel channel, TestQueue queue, int expected)
    {
        await Eventually.HoldsAsync(
            async () =>
            {
                await relay.CatchUpAsync(channel);
                return (await queue.DrainAsync()).Count >= expected;
            },
            TimeSpan.FromSeconds(30),
            () => $"{queue.Received.Count} of {expected} messages arrived");
        return await queue.DrainAsync();
    }
}
