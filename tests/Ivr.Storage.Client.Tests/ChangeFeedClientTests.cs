using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

[Collection(ReadModelStoreCollection.Name)]
public sealed class ChangeFeedClientTests(ReadModelStoreFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private IChangeFeed Feed => fixture.Feed;

    /// <summary>
    /// The feed shows a commit once no older transaction is still running, so a change may appear a moment after its
    /// write was acknowledged: wait for it by following (bounded), never by sleeping.
    /// </summary>
    private static async Task<List<ChangeEvent>> FollowUntilAsync(IAsyncEnumerable<ChangeEvent> changes, EntityKey key, long lastVersion)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<ChangeEvent>();
        await foreach (var change in changes.WithCancellation(timeout.Token))
        {
            if (change.Key != key)
            {
                continue;
            }

            seen.Add(change);
            if (change.Version == lastVersion)
            {
                break;
            }
        }

        return seen;
    }

    [Fact]
    public async Task read_async_pages_changes_after_a_position_as_cloud_events_and_next_resumes()
    {
        var key = StoreClusterFixture.NewKey("feed-page");
        var created = await Store.PutAsync(key, """{"state":"ringing"}""");
        var patched = await Store.PatchAsync(key, """{"state":"answered"}""");
        var deleted = await Store.DeleteAsync(key);

        var followed = await FollowUntilAsync(Feed.FollowAsync(created.FeedPosition), key, lastVersion: 3);
        var page = await Feed.ReadAsync(created.FeedPosition!.Value, limit: 1);
        var rest = await Feed.ReadAsync(page.Next, limit: 10);

        Assert.Equal([2L, 3L], followed.Select(change => change.Version));
        Assert.Equal([patched.FeedPosition!.Value, deleted.FeedPosition!.Value], followed.Select(change => change.Position));
        Assert.Equal($"{key}@2", followed[0].Id);
        Assert.Equal("ivr.storage.entity.patch.v1", followed[0].Type);
        Assert.Equal("""{"state":"answered"}""", followed[0].Payload);
        Assert.Equal(ChangeKind.Delete, followed[1].Kind);
        Assert.Null(followed[1].Payload);
        Assert.Equal("client-tests", followed[1].Provenance.Source);
        Assert.Equal(2, Assert.Single(page.Changes).Version);
        Assert.Equal(patched.FeedPosition, page.Next);
        Assert.Equal(3, rest.Changes.Single(change => change.Key == key).Version);
    }

    [Fact]
    public async Task a_page_limit_outside_1_to_1000_is_a_validation_error()
    {
        var error = await Assert.ThrowsAsync<EntityValidationException>(() => Feed.ReadAsync(FeedPosition.Start, limit: 0));

        Assert.Equal("limit", error.Field);
    }

    [Fact]
    public async Task following_from_the_horizon_sees_later_writes_and_nothing_at_or_before_the_horizon()
    {
        var key = StoreClusterFixture.NewKey("feed-follow");
        await Store.PutAsync(key, """{"n":1}""");
        var horizon = await Feed.GetHorizonAsync();
        var later = await Store.PutAsync(key, """{"n":2}""");

        var followed = await FollowUntilAsync(Feed.FollowAsync(horizon), key, lastVersion: 2);

        // Version 1 appears only if it was not yet visible when the horizon was read; version 2 always does.
        Assert.All(followed, change => Assert.True(change.Position > horizon));
        Assert.Equal(later.FeedPosition, followed[^1].Position);
    }

    [Fact]
    public async Task a_cancelled_follow_ends_with_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Feed.FollowAsync(cancellationToken: cancelled.Token))
            {
            }
        });
    }

    [Fact]
    public async Task a_named_subscription_resumes_after_its_last_checkpoint()
    {
        var key = StoreClusterFixture.NewKey("feed-subscription");
        for (var n = 1; n <= 4; n++)
        {
            await Store.PutAsync(key, $$"""{"n":{{n}}}""");
        }

        var name = "client-tests-" + Guid.NewGuid().ToString("N")[..8];

        var first = await FollowUntilAsync(Feed.SubscribeAsync(name, checkpointEvery: 1, TimeSpan.FromMilliseconds(50)), key, lastVersion: 2);
        var second = await FollowUntilAsync(Feed.SubscribeAsync(name, checkpointEvery: 1, TimeSpan.FromMilliseconds(50)), key, lastVersion: 4);

        // Version 1 was committed when the consumer asked for version 2; version 2 was never acknowledged, so it comes again.
        Assert.Equal([1L, 2L], first.Select(change => change.Version));
        Assert.Equal([2L, 3L, 4L], second.Select(change => change.Version));
    }

    [Fact]
    public async Task a_subscription_needs_a_name()
    {
        var error = await Assert.ThrowsAsync<EntityValidationException>(async () =>
        {
            await foreach (var _ in Feed.SubscribeAsync(" "))
            {
            }
        });

        Assert.Equal("name", error.Field);
    }
}
