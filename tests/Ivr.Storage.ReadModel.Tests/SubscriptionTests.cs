using Ivr.Storage.Contracts;

namespace Ivr.Storage.ReadModel.Tests;

[Collection(ReadModelClusterCollection.Name)]
public sealed class SubscriptionTests(ReadModelClusterFixture fixture)
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
                await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put($$"""{"v":{{version}}}""", new WriteOptions { Provenance = new Provenance { Source = "sub-tests" } });
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

    /// <summary>Consumes this test's changes until it has <paramref name="stopAfter"/> of them or all it expects; bounded in time.</summary>
    private async Task<List<(EntityKey Key, long Version)>> ConsumeAsync(string name, int interval, int stopAfter, string type, int expectedDistinct = 0, List<(EntityKey Key, long Version)>? alreadySeen = null)
    {
        var received = new List<(EntityKey Key, long Version)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var change in FeedSubscription.FollowAsync(fixture.Client, name, interval, TimeSpan.FromMilliseconds(50), timeout.Token))
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
