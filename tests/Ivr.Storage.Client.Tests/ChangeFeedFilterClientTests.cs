using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary>The change feed filtered by type through the client library and the cluster.</summary>
[Collection(ReadModelStoreCollection.Name)]
public sealed class ChangeFeedFilterClientTests(ReadModelStoreFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private IChangeFeed Feed => fixture.Feed;

    [Fact]
    public async Task following_one_type_yields_only_its_changes_in_order_without_payloads_when_asked()
    {
        var wanted = StoreClusterFixture.NewKey("feed-wanted-" + Guid.NewGuid().ToString("N")[..8]);
        var other = StoreClusterFixture.NewKey("feed-other");
        var start = await Feed.GetHorizonAsync();
        await Store.PutAsync(wanted, """{"n":1}""");
        await Store.PutAsync(other, """{"n":1}""");
        await Store.PatchAsync(wanted, """{"n":2}""");
        await Store.PutAsync(other, """{"n":2}""");
        var last = await Store.DeleteAsync(wanted);

        var filter = new ChangeFeedFilter { Types = [wanted.Type], IncludePayloads = false };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var followed = new List<ChangeEvent>();
        await foreach (var change in Feed.FollowAsync(filter, start, TimeSpan.FromMilliseconds(20), timeout.Token))
        {
            followed.Add(change);
            if (change.Version == last.Version)
            {
                break;
            }
        }

        Assert.Equal([1L, 2L, 3L], followed.Select(change => change.Version));
        Assert.All(followed, change => Assert.Equal(wanted, change.Key));
        Assert.All(followed, change => Assert.Null(change.Payload));
        Assert.Equal(last.FeedPosition, followed[^1].Position);
    }

    [Fact]
    public async Task pages_of_one_type_move_their_cursor_past_the_rows_of_other_types()
    {
        var wanted = StoreClusterFixture.NewKey("feed-rare-" + Guid.NewGuid().ToString("N")[..8]);
        var start = await Feed.GetHorizonAsync();
        var rare = await Store.PutAsync(wanted, "{}");
        var after = await Store.PutAsync(StoreClusterFixture.NewKey("feed-busy"), "{}");
        var filter = new ChangeFeedFilter { Types = [wanted.Type] };

        // A write shows in the feed once every older transaction ended: until then the cursor stays before it (bounded wait).
        var seen = new List<ChangeEvent>();
        var cursor = start;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (cursor < after.FeedPosition!.Value)
        {
            var page = await Feed.ReadAsync(cursor, 10, filter, timeout.Token);
            seen.AddRange(page.Changes);
            cursor = page.Next;
            if (!page.HasMore)
            {
                await Task.Delay(20, timeout.Token);
            }
        }

        // The busy write was passed over without being returned: the next page starts after it.
        Assert.Equal([rare.FeedPosition!.Value], seen.Select(change => change.Position));
    }

    [Fact]
    public async Task an_invalid_type_pattern_is_a_validation_error_naming_types()
    {
        var error = await Assert.ThrowsAsync<EntityValidationException>(() => Feed.ReadAsync(FeedPosition.Start, 10, new ChangeFeedFilter { Types = ["NOT A TYPE"] }));

        Assert.Equal("types", error.Field);
    }
}
