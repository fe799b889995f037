using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

[Collection(StoreClusterCollection.Name)]
public sealed class EntityStoreReadTests(StoreClusterFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private async Task<EntityKey> EntityWithVersionsAsync(int count)
    {
        var key = StoreClusterFixture.NewKey();
        for (var n = 1; n <= count; n++)
        {
            await Store.PutAsync(key, $$"""{"n":{{n}}}""");
        }

        return key;
    }

    [Fact]
    public async Task get_version_returns_that_version_with_its_payload()
    {
        var key = await EntityWithVersionsAsync(3);

        var record = await Store.GetVersionAsync(key, 2);

        Assert.Equal(2, record.Version);
        Assert.Equal("""{"n":2}""", record.Payload);
        Assert.Equal(ChangeKind.Put, record.Kind);
        Assert.Equal((await Store.GetVersionAsync(key, 1)).Hash, record.PreviousHash);
    }

    [Fact]
    public async Task get_as_of_returns_the_version_in_effect_at_that_time()
    {
        var key = StoreClusterFixture.NewKey();
        var first = await Store.PutAsync(key, """{"n":1}""");
        var second = await Store.PutAsync(key, """{"n":2}""");

        var atFirst = await Store.GetAsOfAsync(key, first.CommittedAt);
        var between = await Store.GetAsOfAsync(key, second.CommittedAt - TimeSpan.FromTicks(1));
        var later = await Store.GetAsOfAsync(key, second.CommittedAt + TimeSpan.FromDays(1));

        Assert.Equal(1, atFirst.Version);
        Assert.Equal(1, between.Version);
        Assert.Equal(2, later.Version);
    }

    [Fact]
    public async Task history_pages_carry_a_cursor_and_the_async_stream_walks_every_page()
    {
        var key = await EntityWithVersionsAsync(5);

        var firstPage = await Store.GetHistoryPageAsync(key, new HistoryQuery { PageSize = 2 });
        var all = await Store.GetHistoryAsync(key, new HistoryQuery { PageSize = 2, IncludePayloads = true }).ToListAsync();
        var newestFirst = await Store.GetHistoryAsync(key, new HistoryQuery { PageSize = 2, NewestFirst = true }).Select(r => r.Version).ToListAsync();

        Assert.Equal([1L, 2L], firstPage.Items.Select(r => r.Version));
        Assert.Null(firstPage.Items[0].Payload);
        Assert.NotNull(firstPage.NextCursor);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], all.Select(r => r.Version));
        Assert.Equal("""{"n":5}""", all[^1].Payload);
        Assert.Equal([5L, 4L, 3L, 2L, 1L], newestFirst);
    }

    [Fact]
    public async Task diff_returns_the_json_patch_between_two_versions()
    {
        var key = StoreClusterFixture.NewKey();
        await Store.PutAsync(key, """{"a":1,"b":2}""");
        await Store.PutAsync(key, """{"a":1,"b":3}""");

        var diff = await Store.DiffAsync(key, 1, 2);

        Assert.Equal(1, diff.FromVersion);
        Assert.Equal(2, diff.ToVersion);
        Assert.Equal("""[{"op":"replace","path":"/b","value":3}]""", diff.Patch);
    }

    [Fact]
    public async Task verify_recomputes_the_chain_of_every_version()
    {
        var key = await EntityWithVersionsAsync(4);

        var result = await Store.VerifyAsync(key);

        Assert.True(result.IsValid);
        Assert.Equal(4, result.VersionsChecked);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task a_cancelled_read_stops_waiting_with_operation_cancelled()
    {
        var key = await EntityWithVersionsAsync(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.GetAsync(key, cancelled.Token));
    }
}
