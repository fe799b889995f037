using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Ivr.Storage.ReadModel.Tests;

/// <summary>Each test projects a database of its own, so the read model holds exactly what the test wrote.</summary>
public sealed class ProjectorTests
{
    [Fact]
    public async Task a_projector_killed_mid_batch_resumes_and_ends_equal_to_a_fresh_rebuild()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_projector_test");
        await using var harness = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        var heads = await WriteHistoriesAsync(harness.Journal, entities: 30);
        await using var readModel = NpgsqlDataSource.Create(database.JournalConnectionString);

        var crashed = new CurrentStateProjector(readModel, harness.Journal, "current-state", TimeProvider.System);
        await crashed.ClaimAsync();
        await crashed.RunOnceAsync(batchSize: 20);
        crashed.BeforeCheckpoint = () => throw new InvalidOperationException("killed mid-batch");
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashed.RunOnceAsync(batchSize: 20));

        var restarted = new CurrentStateProjector(readModel, harness.Journal, "current-state", TimeProvider.System);
        await restarted.ClaimAsync();
        Assert.Equal(crashed.Status.Position, restarted.Status.Position);
        await restarted.CatchUpAsync(batchSize: 20);

        crashed.BeforeCheckpoint = null;
        await Assert.ThrowsAsync<ProjectionFencedException>(() => crashed.RunOnceAsync(batchSize: 20));

        await AssertReadModelMatchesHeadsAsync(readModel, "ivr_read.entities_g1", heads);
        var generation = await ProjectionRebuilder.RebuildAsync(readModel, harness.Journal, "current-state", TimeProvider.System, batchSize: 7);
        Assert.Equal(2, generation);
        Assert.Equal(0L, await CountDifferencesAsync(readModel, "ivr_read.entities_g1", "ivr_read.entities_g2"));
        Assert.Equal(0L, await CountDifferencesAsync(readModel, "ivr_read.stats_hourly_g1", "ivr_read.stats_hourly_g2"));
        await AssertReadModelMatchesHeadsAsync(readModel, "ivr_read.entities", heads);
        await harness.Journal.AppendAsync(TestChains.Next(EntityKey.Create("after", "switch"), null));
        // The change enters the feed once no older transaction on the server still runs (the feed's horizon is
        // server-wide, and other tests' databases share the server): catch up until the old generation's projector
        // meets it, which the fence refuses. Applying it instead would leave the loop empty-handed until the bound.
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    await restarted.CatchUpAsync(batchSize: 20);
                    return null;
                }
                catch (ProjectionFencedException fenced)
                {
                    return fenced;
                }
            },
            TimeSpan.FromSeconds(30),
            () => "the projector of the replaced generation never met the change appended after the switch");
    }

    [Fact]
    public async Task statistics_count_versions_and_deletes_per_type_source_and_hour_and_lag_is_measured_from_the_last_commit()
    {
        const int entities = 12;
        await using var database = await TestDatabase.CreateAsync("ivr_projector_test");
        await using var harness = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        var heads = await WriteHistoriesAsync(harness.Journal, entities);
        await using var readModel = NpgsqlDataSource.Create(database.JournalConnectionString);
        var clock = new FakeTimeProvider();
        var projector = new CurrentStateProjector(readModel, harness.Journal, "current-state", clock);
        await projector.ClaimAsync();
        // The last change the projector applies is the last one written; it applies it 90 s after its commit.
        var lastCommit = heads[KeyOf(entities - 1)].CommittedAt;
        clock.SetUtcNow(lastCommit + TimeSpan.FromSeconds(90));

        await projector.CatchUpAsync(batchSize: 5);

        await using var command = readModel.CreateCommand("SELECT sum(versions)::bigint, sum(deletes)::bigint FROM ivr_read.stats_hourly WHERE source = 'journal-tests'");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(heads.Values.Sum(h => h.Version), reader.GetInt64(0));
        Assert.Equal(heads.Values.Sum(h => h.Deletes), reader.GetInt64(1));
        Assert.Equal(lastCommit, projector.Status.LastCommittedAt);
        Assert.Equal(90, projector.Status.LagSeconds, precision: 6);
    }

    private sealed record Head(long Version, bool Deleted, string? Payload, int Deletes, DateTimeOffset CommittedAt);

    /// <summary>Entity <paramref name="e"/> of <see cref="WriteHistoriesAsync"/>, which writes them in this order.</summary>
    private static EntityKey KeyOf(int e) => EntityKey.Create(e % 2 == 0 ? "order" : "call-session", $"entity-{e}");

    /// <summary>Random histories of puts and deletes, written straight to the journal with correct hash chains.</summary>
    private static async Task<Dictionary<EntityKey, Head>> WriteHistoriesAsync(IEntityJournal journal, int entities)
    {
        var random = new Random(42);
        var heads = new Dictionary<EntityKey, Head>();
        for (var e = 0; e < entities; e++)
        {
            var key = KeyOf(e);
            JournalRecord? previous = null;
            var deletes = 0;
            for (var v = 0; v < random.Next(1, 9); v++)
            {
                var delete = previous is { Kind: not ChangeKind.Delete } && random.Next(4) == 0;
                previous = delete
                    ? TestChains.Next(key, previous, payload: null, kind: ChangeKind.Delete)
                    : TestChains.Next(key, previous, $$"""{"e":{{e}},"v":{{v}}}""");
                deletes += delete ? 1 : 0;
                Assert.IsType<AppendOutcome.Committed>(await journal.AppendAsync(previous));
            }

            heads[key] = new Head(previous!.Version, previous.Kind == ChangeKind.Delete, previous.Payload, deletes, previous.CommittedAt);
        }

        return heads;
    }

    private static async Task AssertReadModelMatchesHeadsAsync(NpgsqlDataSource readModel, string table, Dictionary<EntityKey, Head> heads)
    {
        await using var command = readModel.CreateCommand($"SELECT entity_type, entity_id, version, deleted, payload::text FROM {table}");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var head = heads[EntityKey.Create(reader.GetString(0), reader.GetString(1))];
            Assert.Equal(head.Version, reader.GetInt64(2));
            Assert.Equal(head.Deleted, reader.GetBoolean(3));
            Assert.Equal(head.Payload, reader.IsDBNull(4) ? null : Json.CanonicalJson.Canonicalize(reader.GetString(4)));
        }

        Assert.Equal(heads.Count, rows);
    }

    private static async Task<long> CountDifferencesAsync(NpgsqlDataSource readModel, string left, string right)
    {
        await using var command = readModel.CreateCommand($"SELECT (SELECT count(*) FROM (TABLE {left} EXCEPT TABLE {right}) a) + (SELECT count(*) FROM (TABLE {right} EXCEPT TABLE {left}) b)");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
