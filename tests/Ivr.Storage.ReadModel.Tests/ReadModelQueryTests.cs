using Ivr.Storage.Contracts;

namespace Ivr.Storage.ReadModel.Tests;

[Collection(ReadModelClusterCollection.Name)]
public sealed class ReadModelQueryTests(ReadModelClusterFixture fixture)
{
    private static WriteOptions By(string source = "query-tests") => new() { Provenance = new Provenance { Source = source } };

    private IReadModelQueryGrain Queries => fixture.Client.GetGrain<IReadModelQueryGrain>(0);

    private async Task<WriteResult> PutAsync(EntityKey key, string payload, string source = "query-tests") =>
        await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put(payload, By(source));

    [Fact]
    public async Task min_position_waits_for_the_callers_own_write()
    {
        var type = NewType();
        var write = await PutAsync(EntityKey.Create(type, "mine"), """{"status":"open"}""");

        var page = await Queries.List(new EntityListQuery { Type = type, MinPosition = write.FeedPosition });

        Assert.Equal("mine", Assert.Single(page.Items).Key.Id);
        Assert.True(page.Position >= write.FeedPosition!.Value);
    }

    [Fact]
    public async Task containment_filters_and_cursor_pages_are_stable_while_others_write()
    {
        var type = NewType();
        WriteResult last = null!;
        for (var i = 0; i < 12; i++)
        {
            last = await PutAsync(EntityKey.Create(type, $"e{i:00}"), $$"""{"status":"{{(i % 3 == 0 ? "closed" : "open")}}","n":{{i}}}""");
        }

        var seen = new List<string>();
        var query = new EntityListQuery { Type = type, Contains = """{"status":"open"}""", PageSize = 3, MinPosition = last.FeedPosition };
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await Queries.List(query);
            seen.AddRange(page.Items.Select(item => item.Key.Id));
            Assert.All(page.Items, item => Assert.Contains("\"status\":\"open\"", item.Payload, StringComparison.Ordinal));
            // New entities written between pages are newer than the cursor and must not shift later pages.
            await PutAsync(EntityKey.Create(type, $"new-{pages}"), """{"status":"open"}""");
            if (page.NextCursor is null)
            {
                break;
            }

            query = query with { Cursor = page.NextCursor, MinPosition = null };
        }

        var expected = Enumerable.Range(0, 12).Where(i => i % 3 != 0).Select(i => $"e{i:00}").ToHashSet();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(expected, seen.ToHashSet());
        Assert.All(seen, id => Assert.True(expected.Contains(id) || id.StartsWith("new-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task search_finds_words_in_payload_strings_with_facets_by_type_and_source()
    {
        var type = NewType();
        var word = "zebra" + Guid.NewGuid().ToString("N")[..6];
        await PutAsync(EntityKey.Create(type, "a"), $$"""{"title":"the {{word}} crossing"}""", "worker-a");
        await PutAsync(EntityKey.Create(type, "b"), $$"""{"notes":["{{word}}"]}""", "worker-b");
        var last = await PutAsync(EntityKey.Create(type, "c"), """{"title":"no match here"}""");

        var result = await Queries.Search(word, type: null, limit: 10, last.FeedPosition);

        Assert.Equal(["a", "b"], result.Items.Select(i => i.Key.Id).Order());
        Assert.Equal(2, result.ByType[type]);
        Assert.Equal(1, result.BySource["worker-a"]);
        Assert.Equal(1, result.BySource["worker-b"]);
    }

    [Fact]
    public async Task statistics_count_live_entities_and_hourly_versions()
    {
        var type = NewType();
        await PutAsync(EntityKey.Create(type, "x"), "{}");
        await PutAsync(EntityKey.Create(type, "y"), "{}");
        await fixture.Client.GetGrain<IEntityGrain>(EntityKey.Create(type, "y").ToGrainKey()).Delete(By());
        var last = await PutAsync(EntityKey.Create(type, "x"), """{"again":true}""");

        var statistics = await Queries.Statistics(last.FeedPosition);

        Assert.Equal(1, statistics.EntitiesByType[type]);
        Assert.Equal(4, statistics.Hourly.Where(h => h.Type == type).Sum(h => h.Versions));
        Assert.Equal(1, statistics.Hourly.Where(h => h.Type == type).Sum(h => h.Deletes));
    }

    [Fact]
    public async Task bad_query_input_is_rejected_with_the_field_named()
    {
        Assert.Equal("type", (await Assert.ThrowsAsync<EntityValidationException>(() => Queries.List(new EntityListQuery { Type = "Bad Type" }))).Field);
        Assert.Equal("limit", (await Assert.ThrowsAsync<EntityValidationException>(() => Queries.List(new EntityListQuery { Type = "ok", PageSize = 0 }))).Field);
        Assert.Equal("cursor", (await Assert.ThrowsAsync<EntityValidationException>(() => Queries.List(new EntityListQuery { Type = "ok", Cursor = "%%%" }))).Field);
        Assert.Equal(ValidationErrorCode.MalformedJson, (await Assert.ThrowsAsync<EntityValidationException>(() => Queries.List(new EntityListQuery { Type = "ok", Contains = "{not json" }))).Code);
        Assert.Equal("q", (await Assert.ThrowsAsync<EntityValidationException>(() => Queries.Search(" ", null, 10, null))).Field);
    }

    private static string NewType() => "q" + Guid.NewGuid().ToString("N")[..10];
}
