using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class EntityReadTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task as_of_returns_the_version_in_effect_at_that_time()
    {
        var grain = NewEntity(out _);
        var v1 = await grain.Put("""{"v":1}""", By());
        Fixture.Clock.Advance(TimeSpan.FromHours(1));
        var v2 = await grain.Put("""{"v":2}""", By());
        Fixture.Clock.Advance(TimeSpan.FromHours(1));
        var v3 = await grain.Delete(By());

        Assert.Equal(1, (await grain.GetAsOf(v1.CommittedAt)).Version);
        Assert.Equal(1, (await grain.GetAsOf(v2.CommittedAt.AddMinutes(-30))).Version);
        Assert.Equal(2, (await grain.GetAsOf(v2.CommittedAt)).Version);
        Assert.Equal("""{"v":2}""", (await grain.GetAsOf(v3.CommittedAt.AddTicks(-10))).Payload);
        Assert.True((await grain.GetAsOf(v3.CommittedAt.AddDays(1))).Deleted);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => grain.GetAsOf(v1.CommittedAt.AddTicks(-10)));
    }

    [Fact]
    public async Task history_pages_follow_cursors_in_both_directions()
    {
        var grain = NewEntity(out _);
        for (var i = 1; i <= 7; i++)
        {
            await grain.Put($$"""{"i":{{i}}}""", By());
        }

        var ascending = await ReadAll(grain, new HistoryQuery { PageSize = 3 });
        var descending = await ReadAll(grain, new HistoryQuery { PageSize = 3, NewestFirst = true, IncludePayloads = true });

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], ascending.Select(r => r.Version));
        Assert.All(ascending, r => Assert.Null(r.Payload));
        Assert.Equal([7L, 6, 5, 4, 3, 2, 1], descending.Select(r => r.Version));
        Assert.Equal("""{"i":7}""", descending[0].Payload);
        Assert.Equal("tests", descending[0].Provenance.Source);
        Assert.Equal(descending[1].Hash, descending[0].PreviousHash);
    }

    [Fact]
    public async Task diff_is_a_json_patch_between_two_versions()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1,"b":[1,2],"c":"x"}""", By());
        await grain.Put("""{"a":2,"b":[1,2,3],"d":true}""", By());
        await grain.Delete(By());

        var diff = await grain.Diff(1, 2);
        var toTombstone = await grain.Diff(2, 3);

        var patched = JsonPatch.Apply(JsonNode.Parse("""{"a":1,"b":[1,2],"c":"x"}"""), (JsonArray)JsonNode.Parse(diff.Patch)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":2,"b":[1,2,3],"d":true}"""), patched));
        var emptied = JsonPatch.Apply(JsonNode.Parse("""{"a":2,"b":[1,2,3],"d":true}"""), (JsonArray)JsonNode.Parse(toTombstone.Patch)!);
        Assert.True(JsonNode.DeepEquals(new JsonObject(), emptied));
        Assert.Equal("[]", (await grain.Diff(2, 2)).Patch);
    }

    [Fact]
    public async Task verify_accepts_an_untouched_chain()
    {
        var grain = NewEntity(out _);
        await grain.Put("""{"a":1}""", By() with { Tags = new Dictionary<string, string> { ["tenant"] = "t1" }, SchemaVersion = 3 });
        await grain.Patch("""{"b":"ü"}""", By());
        await grain.Delete(By());
        await grain.Revert(2, By());

        var result = await grain.Verify();

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(4, result.VersionsChecked);
        Assert.Null(result.FirstInvalidVersion);
    }

    private static async Task<List<VersionRecord>> ReadAll(IEntityGrain grain, HistoryQuery query)
    {
        var all = new List<VersionRecord>();
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await grain.GetHistory(query);
            all.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return all;
            }

            query = query with { Cursor = page.NextCursor };
        }

        throw new InvalidOperationException("History paging did not end.");
    }
}
