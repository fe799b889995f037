using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.ReadModel.Tests;

/// <summary>
/// Read-model queries cannot be used to starve each other or the database (issue 15, findings 5 and 8): waits for a
/// minimum position do not occupy the query grain, positions nobody was given are refused at once, a statement that
/// runs too long is cancelled with a typed error, and search facets count a bounded number of rows and values.
/// </summary>
[Collection(ReadModelClusterCollection.Name)]
public sealed class ReadModelQueryLimitsTests(ReadModelClusterFixture fixture)
{
    private static WriteOptions By(string source) => new() { Provenance = new Provenance { Source = source } };

    private IReadModelQueryGrain Queries => fixture.Client.GetGrain<IReadModelQueryGrain>(0);

    private async Task<WriteResult> PutAsync(EntityKey key, string payload, string source = "limits-tests") =>
        await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put(payload, By(source));

    [Fact]
    public async Task fifty_waiting_queries_do_not_hold_up_an_ordinary_query_and_positions_beyond_the_head_are_refused_at_once()
    {
        var type = NewType();
        var before = await PutAsync(EntityKey.Create(type, "before"), """{"n":1}""");
        await Queries.List(new EntityListQuery { Type = type, MinPosition = before.FeedPosition });

        FeedPosition ahead;
        Task<EntityListPage>[] waiting;
        await using (var hold = await ProjectionHeldAsync())
        {
            // Just ahead of the projection, which reaches it once the test lets go.
            ahead = (await PutAsync(EntityKey.Create(type, "ahead"), """{"n":2}""")).FeedPosition!.Value;
            waiting = Enumerable.Range(0, 50).Select(_ => Queries.List(new EntityListQuery { Type = type, MinPosition = ahead })).ToArray();
            var beyond = Enumerable.Range(1, 10)
                .Select(i => Queries.Statistics(new FeedPosition(ahead.Transaction + (ulong)(i * 1_000_000), 0)))
                .Concat([Queries.Statistics(new FeedPosition(ahead.Transaction, ahead.Position + 1_000_000))])
                .ToArray();

            var ordinary = await Queries.List(new EntityListQuery { Type = type }).WaitAsync(TimeSpan.FromSeconds(30));
            foreach (var refused in beyond)
            {
                var error = await Assert.ThrowsAsync<EntityValidationException>(() => refused.WaitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal("minPosition", error.Field);
            }

            // The ordinary query was answered (from before the held batch) and the refusals came while every wait is
            // still pending: the projection cannot have reached the position while the test holds it back.
            Assert.Equal(["before"], ordinary.Items.Select(item => item.Key.Id));
            Assert.All(waiting, wait => Assert.False(wait.IsCompleted));
            await hold.Transaction.RollbackAsync();
        }

        foreach (var page in await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(60)))
        {
            Assert.True(page.Position >= ahead);
            Assert.Equal(["ahead", "before"], page.Items.Select(item => item.Key.Id).Order());
        }
    }

    [Fact]
    public async Task a_query_running_longer_than_the_query_timeout_fails_with_query_timeout()
    {
        var type = NewType();
        var write = await PutAsync(EntityKey.Create(type, "x"), """{"n":1}""");
        await Queries.List(new EntityListQuery { Type = type, MinPosition = write.FeedPosition });

        await using var connection = await Testing.TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        // The read model's tables belong to the role the projection runs as; locking the view locks them.
        await new NpgsqlCommand("LOCK TABLE ivr_read.entities IN ACCESS EXCLUSIVE MODE", connection, transaction).ExecuteNonQueryAsync();

        var timeout = await Assert.ThrowsAsync<QueryTimeoutException>(() => Queries.List(new EntityListQuery { Type = type }));

        Assert.Equal(ReadModelClusterFixture.QueryTimeout, timeout.Timeout);
        await transaction.RollbackAsync();
        Assert.Single((await Queries.List(new EntityListQuery { Type = type })).Items);
    }

    [Fact]
    public async Task search_facets_count_at_most_the_configured_number_of_matches()
    {
        var type = NewType();
        var word = "facet" + Guid.NewGuid().ToString("N")[..8];
        WriteResult last = null!;
        for (var i = 0; i < ReadModelClusterFixture.MaxFacetRows + 3; i++)
        {
            last = await PutAsync(EntityKey.Create(type, $"e{i}"), $$"""{"text":"{{word}}"}""");
        }

        var result = await Queries.Search(word, type, limit: 20, last.FeedPosition);

        Assert.Equal(ReadModelClusterFixture.MaxFacetRows + 3, result.Items.Count);
        Assert.True(result.FacetsTruncated);
        Assert.Equal(ReadModelClusterFixture.MaxFacetRows, result.ByType[type]);
        Assert.Equal(ReadModelClusterFixture.MaxFacetRows, result.BySource["limits-tests"]);
    }

    [Fact]
    public async Task search_facets_return_at_most_the_configured_number_of_values_the_most_frequent_first()
    {
        var type = NewType();
        var word = "facet" + Guid.NewGuid().ToString("N")[..8];
        string[] sources = ["common", "common", "second", "third", "rare"];
        WriteResult last = null!;
        for (var i = 0; i < sources.Length; i++)
        {
            last = await PutAsync(EntityKey.Create(type, $"e{i}"), $$"""{"text":"{{word}}"}""", sources[i]);
        }

        var result = await Queries.Search(word, type, limit: 20, last.FeedPosition);

        Assert.True(result.FacetsTruncated);
        Assert.Equal(ReadModelClusterFixture.MaxFacetValues, result.BySource.Count);
        Assert.Equal(2, result.BySource["common"]);
        Assert.Equal(5, result.ByType[type]);
    }

    /// <summary>
    /// Holds the projection back: its batch can write rows but not move its checkpoint (which needs a lock this
    /// transaction's EXCLUSIVE lock excludes), while queries still read the checkpoint and the rows.
    /// </summary>
    private async Task<HeldProjection> ProjectionHeldAsync()
    {
        var connection = await Testing.TestServices.OpenPostgresAsync(fixture.Database.JournalConnectionString);
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE ivr_read.projections IN EXCLUSIVE MODE", connection, transaction).ExecuteNonQueryAsync();
        return new HeldProjection(connection, transaction);
    }

    private static string NewType() => "lim" + Guid.NewGuid().ToString("N")[..10];
}
