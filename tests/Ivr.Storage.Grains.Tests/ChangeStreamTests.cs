using System.Collections.Concurrent;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Orleans.Streams;

namespace Ivr.Storage.Grains.Tests;

[Collection(TwoSiloClusterCollection.Name)]
public sealed class ChangeStreamTests(TwoSiloClusterFixture fixture)
{
    private static WriteOptions By() => new() { Provenance = new Provenance { Source = "stream-tests" } };

    /// <summary>
    /// A live subscriber follows the change stream while both silos restart (memory stream queues die with their
    /// silo, so events are lost). Catching up from the feed, it ends with every entity's complete sequence, each
    /// version applied once and in order.
    /// </summary>
    [Fact]
    public async Task a_stream_subscriber_that_misses_messages_during_silo_restarts_ends_with_the_complete_sequence()
    {
        var type = "stream-" + Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 4).Select(i => EntityKey.Create(type, $"e{i}")).ToArray();
        var applied = new ConcurrentDictionary<EntityKey, ConcurrentQueue<long>>();
        var streamEvents = 0;
        var start = await fixture.Client.GetGrain<IChangeFeedGrain>(0).ReadHorizon();
        var follower = new ChangeFollower(fixture.Client, change =>
        {
            applied.GetOrAdd(change.Key, _ => new ConcurrentQueue<long>()).Enqueue(change.Version);
            return Task.CompletedTask;
        }, start);
        var stream = fixture.Client.GetStreamProvider(ChangeStreams.ProviderName).GetStream<ChangeEvent>(StreamId.Create(type, ChangeStreams.StreamKey));
        var subscription = await stream.SubscribeAsync(async (change, _) =>
        {
            Interlocked.Increment(ref streamEvents);
            await follower.OnStreamEventAsync(change);
        });

        await WriteRoundAsync(keys, round: 0);
        // The follower catches up from the feed on an entity's first event, and the feed shows a commit only once
        // older transactions on the shared server ended (another test assembly may hold one): a consumer's periodic
        // catch-up, not luck, gets it past that. The stream must still have delivered every live event.
        await WaitUntilAsync(() => Volatile.Read(ref streamEvents) >= keys.Length && keys.All(k => applied.TryGetValue(k, out var v) && v.Count == 1), catchUp: follower);

        foreach (var silo in fixture.Cluster.Silos.ToArray())
        {
            await WriteRoundAsync(keys, round: 1);
            await fixture.Cluster.RestartSiloAsync(silo);
        }

        await fixture.Cluster.WaitForLivenessToStabilizeAsync();
        await WriteRoundAsync(keys, round: 3);
        await WaitUntilAsync(() => keys.All(k => applied.TryGetValue(k, out var v) && v.Count == 4), catchUp: follower);

        foreach (var key in keys)
        {
            Assert.Equal([1L, 2, 3, 4], applied[key]);
        }

        await subscription.UnsubscribeAsync();
    }

    private async Task WriteRoundAsync(EntityKey[] keys, int round)
    {
        foreach (var key in keys)
        {
            await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put($$"""{"round":{{round}}}""", By());
        }
    }

    /// <summary>Bounded wait; with a follower, also does what a consumer's periodic catch-up would.</summary>
    private static Task WaitUntilAsync(Func<bool> condition, ChangeFollower? catchUp) =>
        Eventually.HoldsAsync(
            async () =>
            {
                if (condition())
                {
                    return true;
                }

                if (catchUp is not null)
                {
                    await catchUp.CatchUpAsync();
                }

                return condition();
            },
            TimeSpan.FromSeconds(30),
            () => "the follower reached the expected state",
            TimeSpan.FromMilliseconds(200));
}
