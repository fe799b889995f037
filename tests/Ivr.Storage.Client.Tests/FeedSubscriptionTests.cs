using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Storage.Client.Tests;

[Collection(ReadModelStoreCollection.Name)]
public sealed class FeedSubscriptionTests(ReadModelStoreFixture fixture)
{
    [Fact]
    public async Task a_consumer_that_crashes_resumes_from_its_checkpoint_redelivering_at_most_one_interval()
    {
        var type = "sub-" + Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, 5).Select(i => EntityKey.Create(type, $"e{i}")).ToArray();
        for (var version = 1; version <= 8; version++)
        {
            foreach (var key in keys)
            {
                await fixture.ClusterClient.GetGrain<IEntityGrain>(key.ToGrainKey()).Put($$"""{"v":{{version}}}""", new WriteOptions { Provenance = new Provenance { Source = "sub-tests" } });
            }
        }

        var name = "bi-loader-" + Guid.NewGuid().ToString("N")[..8];
        const int interval = 10;
        var firstRun = await ConsumeAsync(name, interval, stopAfter: 25, type);
        var secondRun = await ConsumeAsync(name, interval, stopAfter: int.MaxValue, type, expectedDistinct: keys.Length * 8, alreadySeen: firstRun);

        // The first run committed after 10 and 20 changes, so the resumed run redelivers changes 21..25 only.
        var redelivered = secondRun.Intersect(firstRun).Count();
        Assert.InRange(redelivered, 1, interval);
        var all = firstRun.Concat(secondRun).Distinct().ToList();
        Assert.Equal(keys.Length * 8, all.Count);
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), secondRun.Concat(firstRun).Where(c => c.Key == key).Select(c => c.Version).Distinct().Order());
            Assert.Equal(secondRun.Where(c => c.Key == key).Select(c => c.Version).Order(), secondRun.Where(c => c.Key == key).Select(c => c.Version));
        }
    }

    /// <summary>
    /// A caught-up subscription waits for its next poll on the time provider it was given: once it has read everything,
    /// it sets a timer on the fake clock (an idle poll of an hour), and a new change arrives once that clock has moved an
    /// hour on, long before an hour has passed.
    /// </summary>
    [Fact]
    public async Task a_caught_up_subscription_waits_its_idle_poll_on_its_time_provider()
    {
        var time = new TimerCountingTimeProvider();
        var key = StoreClusterFixture.NewKey("sub-clock");
        await fixture.Store.PutAsync(key, """{"n":1}""");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var changes = FeedSubscription.FollowAsync(fixture.ClusterClient, "clock-" + Guid.NewGuid().ToString("N")[..8], checkpointEvery: 1,
            idlePoll: TimeSpan.FromHours(1), timeProvider: time, cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
        Task<bool>? pending = null;
        try
        {
            await NextVersionAsync(changes, key, version: 1, time);

            // Nothing else writes to this fixture's database meanwhile: the next read finds nothing and the subscription waits.
            var timers = time.TimersCreated;
            pending = changes.MoveNextAsync().AsTask();
            await Eventually.HoldsAsync(() => time.TimersCreated > timers, TimeSpan.FromSeconds(20), () => "the caught-up subscription set no timer on its time provider");
            await fixture.Store.PutAsync(key, """{"n":2}""");

            await NextVersionAsync(changes, key, version: 2, time, pending);
            pending = null;
        }
        finally
        {
            // An async iterator cannot be disposed while a MoveNextAsync is pending: cancel it and let it end first.
            await timeout.CancelAsync();
            if (pending is not null)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
            }

            await changes.DisposeAsync();
        }
    }

    /// <summary>
    /// Moves on to <paramref name="version"/> of <paramref name="key"/> (from <paramref name="pending"/>, a move already
    /// asked for, if given), advancing the fake clock by the idle poll while the subscription waits (the feed may show a
    /// commit a moment late, so the subscription can run dry more than once).
    /// </summary>
    private static async Task NextVersionAsync(IAsyncEnumerator<ChangeEvent> changes, EntityKey key, long version, FakeTimeProvider time, Task<bool>? pending = null)
    {
        while (true)
        {
            var next = pending ?? changes.MoveNextAsync().AsTask();
            pending = null;
            await Eventually.HoldsAsync(
                () =>
                {
                    if (!next.IsCompleted)
                    {
                        time.Advance(TimeSpan.FromHours(1));
                    }

                    return next.IsCompleted;
                },
                TimeSpan.FromSeconds(20),
                () => $"the subscription did not move on to {key}@{version} however far its clock advanced");
            Assert.True(await next, "the subscription ended early");
            if (changes.Current.Key == key && changes.Current.Version == version)
            {
                return;
            }
        }
    }

    /// <summary>Consumes this test's changes until it has <paramref name="stopAfter"/> of them or all it expects; bounded in time.</summary>
    private async Task<List<(EntityKey Key, long Version)>> ConsumeAsync(string name, int interval, int stopAfter, string type, int expectedDistinct = 0, List<(EntityKey Key, long Version)>? alreadySeen = null)
    {
        var received = new List<(EntityKey Key, long Version)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var change in FeedSubscription.FollowAsync(fixture.ClusterClient, name, interval, TimeSpan.FromMilliseconds(50), cancellationToken: timeout.Token))
        {
            if (change.Key.Type != type)
            {
                continue;
            }

            received.Add((change.Key, change.Version));
            if (received.Count >= stopAfter || (expectedDistinct > 0 && received.Concat(alreadySeen ?? []).Distinct().Count() >= expectedDistinct))
            {
                break;
            }
        }

        return received;
    }
}
