using System.Text.Json;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ivr.Storage.Grains.Tests;

[Collection(EntityClusterCollection.Name)]
public sealed class JournalIntegrityTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    [Fact]
    public async Task tampering_with_a_stored_payload_is_reported_at_the_first_bad_version()
    {
        var grain = NewEntity(out var key);
        for (var i = 1; i <= 4; i++)
        {
            await grain.Put($$"""{"amount":{{i * 100}}}""", By());
        }

        await using (var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString))
        {
            // Only a superuser can step around the append-only trigger, and only by switching triggers off.
            await new NpgsqlCommand("SET session_replication_role = replica", admin).ExecuteNonQueryAsync();
            await using var tamper = new NpgsqlCommand("UPDATE ivr.journal SET payload = '{\"amount\": 1}' WHERE entity_type = $1 AND entity_id = $2 AND version = 2", admin);
            tamper.Parameters.Add(new() { Value = key.Type });
            tamper.Parameters.Add(new() { Value = key.Id });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var result = await grain.Verify();

        Assert.False(result.IsValid);
        Assert.Equal(2, result.FirstInvalidVersion);
        Assert.Equal(1, result.VersionsChecked);
        Assert.Contains("version 2", result.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task an_entity_with_ten_thousand_versions_activates_from_one_row_and_reads_any_version()
    {
        var key = NewKey("long-history");
        var journal = Fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IEntityJournal>();
        var chain = TestChains.Chain(key, 10_000);
        await TestChains.AppendAllAsync(journal, chain);

        await Fixture.Cluster.DeactivateAsync(Grain(key));
        var state = await Grain(key).GetCurrent();

        Assert.Equal(10_000, state.Version);
        Assert.Equal("""{"n":10000}""", state.Payload);
        Assert.Equal(chain[0].CommittedAt, state.CreatedAt);
        Assert.Equal("""{"n":1}""", (await Grain(key).GetVersion(1)).Payload);
        Assert.Equal("""{"n":5000}""", (await Grain(key).GetVersion(5000)).Payload);
        Assert.Equal("""{"n":10000}""", (await Grain(key).GetVersion(10_000)).Payload);
        Assert.Equal(10_001, (await Grain(key).Put("""{"n":10001}""", By())).Version);
        Assert.True((await Grain(key).Verify()).IsValid);
        Assert.Equal(1, await MaxRowsTheHeadQueryTouches(key));
    }

    /// <summary>Runs the activation query under EXPLAIN ANALYZE and returns the most rows any plan node produced.</summary>
    private static async Task<long> MaxRowsTheHeadQueryTouches(EntityKey key)
    {
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + JournalSql.ReadHead, connection);
        command.Parameters.Add(new() { Value = key.Type });
        command.Parameters.Add(new() { Value = key.Id });
        var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        return MaxActualRows(plan.RootElement[0].GetProperty("Plan"));
    }

    private static long MaxActualRows(JsonElement node)
    {
        var rows = node.GetProperty("Actual Rows").GetInt64() * node.GetProperty("Actual Loops").GetInt64();
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                rows = Math.Max(rows, MaxActualRows(child));
            }
        }

        return rows;
    }
}
