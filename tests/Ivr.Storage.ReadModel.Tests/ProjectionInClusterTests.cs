using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ivr.Storage.ReadModel.Tests;

[Collection(ReadModelClusterCollection.Name)]
public sealed class ProjectionInClusterTests(ReadModelClusterFixture fixture)
{
    private static readonly TimeSpan ProjectionBound = TimeSpan.FromSeconds(30);

    private static WriteOptions By() => new() { Provenance = new Provenance { Source = "projection-tests" } };

    [Fact]
    public async Task writes_reach_the_read_model_and_the_feed_in_commit_order()
    {
        var keys = Enumerable.Range(0, 10).Select(i => EntityKey.Create("ticket", $"t-{i}-{Guid.NewGuid():N}")).ToArray();
        WriteResult last = null!;
        foreach (var key in keys)
        {
            var grain = fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey());
            await grain.Put("""{"state":"open"}""", By());
            last = await grain.Patch("""{"state":"closed"}""", By());
        }

        await using var readModel = NpgsqlDataSource.Create(fixture.Database.JournalConnectionString);
        var projection = fixture.Client.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState);
        var closed = 0L;
        await Eventually.TryAsync(
            async () =>
            {
                await using var count = readModel.CreateCommand("SELECT count(*) FROM ivr_read.entities WHERE entity_type = 'ticket' AND payload @> '{\"state\":\"closed\"}' AND version = 2");
                closed = (long)(await count.ExecuteScalarAsync())!;
                return closed >= keys.Length;
            },
            ProjectionBound);

        Assert.Equal(keys.Length, closed);
        var status = await projection.GetStatus();
        Assert.True(status.LastCommittedAt >= last.CommittedAt);

        var page = await fixture.Client.GetGrain<IChangeFeedGrain>(0).Read(FeedPosition.Start, IChangeFeedGrain.MaxPageSize);
        var ours = page.Changes.Where(c => keys.Contains(c.Key)).ToArray();
        Assert.Equal(keys.Length * 2, ours.Length);
        Assert.All(ours.GroupBy(c => c.Key), g => Assert.Equal([1L, 2L], g.Select(c => c.Version)));
        Assert.True(page.Changes.Zip(page.Changes.Skip(1)).All(p => p.First.Position < p.Second.Position));
        Assert.Equal(last.FeedPosition, Assert.Single(ours, c => c.Key == keys[^1] && c.Version == 2).Position);
        Assert.True(status.Position >= last.FeedPosition!.Value, "the read model reports a position at or after the last write");
    }

    [Fact]
    public async Task a_duplicate_projector_cannot_write_and_the_cluster_projection_takes_over_again()
    {
        var projection = fixture.Client.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState);
        await projection.EnsureRunning();
        var feed = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IChangeFeedSource>();
        await using var readModel = NpgsqlDataSource.Create(fixture.Database.JournalConnectionString);

        // An intruder claims the projection (as a second activation after a partition would) ...
        var intruder = new CurrentStateProjector(readModel, feed, IProjectionGrain.CurrentState, TimeProvider.System);
        await intruder.ClaimAsync();
        var key = EntityKey.Create("ticket", "after-intruder-" + Guid.NewGuid().ToString("N"));
        await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put("""{"state":"new"}""", By());

        // ... then the cluster's instance is fenced, re-claims (fencing the intruder in turn) and carries on.
        var projected = await Eventually.TryAsync(
            async () =>
            {
                await using var count = readModel.CreateCommand("SELECT count(*) FROM ivr_read.entities WHERE entity_type = $1 AND entity_id = $2");
                count.Parameters.Add(new() { Value = key.Type });
                count.Parameters.Add(new() { Value = key.Id });
                return (long)(await count.ExecuteScalarAsync())! == 1;
            },
            ProjectionBound);

        Assert.True(projected, "the cluster's projection resumed after being fenced");
        await Assert.ThrowsAsync<ProjectionFencedException>(async () =>
        {
            await fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey()).Put("""{"state":"newer"}""", By());
            await intruder.CatchUpAsync(batchSize: 100);
        });
    }
}
