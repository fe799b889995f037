using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

[Collection(ReadModelStoreCollection.Name)]
public sealed class ReadModelClientTests(ReadModelStoreFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private IReadModel ReadModel => fixture.ReadModel;

    private static string NewType() => "rm" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task list_with_the_writes_feed_position_reads_your_own_write()
    {
        var type = NewType();
        await Store.PutAsync(EntityKey.Create(type, "closed"), """{"status":"closed"}""");
        var write = await Store.PutAsync(EntityKey.Create(type, "open"), """{"status":"open"}""");

        var page = await ReadModel.ListAsync(new EntityListQuery { Type = type, Contains = """{"status":"open"}""", MinPosition = write.FeedPosition });

        var item = Assert.Single(page.Items);
        Assert.Equal("open", item.Key.Id);
        Assert.Equal("""{"status":"open"}""", item.Payload);
        Assert.Equal("client-tests", item.Source);
        Assert.True(page.Position >= write.FeedPosition!.Value);
    }

    [Fact]
    public async Task search_and_statistics_reflect_the_callers_write_with_facets()
    {
        var type = NewType();
        var word = "okapi" + Guid.NewGuid().ToString("N")[..6];
        await Store.PutAsync(EntityKey.Create(type, "a"), $$"""{"title":"an {{word}} sighting"}""");
        var write = await Store.PutAsync(EntityKey.Create(type, "b"), """{"title":"nothing"}""");

        var found = await ReadModel.SearchAsync(word, type, limit: 10, write.FeedPosition);
        var statistics = await ReadModel.GetStatisticsAsync(write.FeedPosition);

        Assert.Equal("a", Assert.Single(found.Items).Key.Id);
        Assert.Equal(1, found.ByType[type]);
        Assert.Equal(1, found.BySource["client-tests"]);
        Assert.Equal(2, statistics.EntitiesByType[type]);
        Assert.Equal(2, statistics.Hourly.Where(hour => hour.Type == type).Sum(hour => hour.Versions));
        Assert.True(statistics.Position >= write.FeedPosition!.Value);
    }

    [Fact]
    public async Task a_min_position_the_read_model_does_not_reach_fails_with_store_unavailable()
    {
        await using var connection = await Testing.TestServices.OpenPostgresAsync(fixture.DatabaseConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        // The projection may write its batch but not move its checkpoint while the test holds this lock.
        await new Npgsql.NpgsqlCommand("LOCK TABLE ivr_read.projections IN EXCLUSIVE MODE", connection, transaction).ExecuteNonQueryAsync();
        var write = await Store.PutAsync(EntityKey.Create(NewType(), "late"), "{}");

        await Assert.ThrowsAsync<StoreUnavailableException>(() => ReadModel.GetStatisticsAsync(write.FeedPosition));
    }

    [Fact]
    public async Task a_min_position_beyond_the_feeds_head_is_a_validation_error_at_once()
    {
        var beyond = new FeedPosition(long.MaxValue, 0);

        var refused = await Assert.ThrowsAsync<EntityValidationException>(() => ReadModel.GetStatisticsAsync(beyond));

        Assert.Equal("minPosition", refused.Field);
    }

    [Fact]
    public async Task bad_filters_and_cursors_are_validation_errors()
    {
        var malformed = await Assert.ThrowsAsync<EntityValidationException>(() => ReadModel.ListAsync(new EntityListQuery { Type = "rm-any", Contains = "{not json" }));
        var cursor = await Assert.ThrowsAsync<EntityValidationException>(() => ReadModel.ListAsync(new EntityListQuery { Type = "rm-any", Cursor = "%%%" }));
        var text = await Assert.ThrowsAsync<EntityValidationException>(() => ReadModel.SearchAsync(" "));

        Assert.Equal(ValidationErrorCode.MalformedJson, malformed.Code);
        Assert.Equal("cursor", cursor.Field);
        Assert.Equal("q", text.Field);
    }
}
