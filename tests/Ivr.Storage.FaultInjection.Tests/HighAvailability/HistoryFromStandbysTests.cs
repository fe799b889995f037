using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Ivr.Storage.Testing.HighAvailability;
using Npgsql;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// Issue 17's reads on replicas: with <see cref="JournalOptions.HistoryFromStandbys"/> a standby serves history pages
/// of acknowledged versions; a standby that has not replayed them yet never serves a short page, the primary does.
/// </summary>
[Collection(HaCollection.Name)]
public sealed class HistoryFromStandbysTests(HaClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task a_standby_serves_acknowledged_history_and_the_primary_serves_what_it_has_not_replayed()
    {
        var ha = fixture.Cluster;
        await ha.WaitForMemberAsync("/sync", Bound);
        await using var harness = await JournalHarness.StartAsync(o => o.HistoryFromStandbys = true, ha.JournalConnectionString);
        var journal = harness.Journal;
        var key = EntityKey.Create("standby-history", Guid.NewGuid().ToString("N"));
        var chain = await AppendAsync(journal, key, null, 10);

        JournalPage? page = null;
        Assert.True(await Eventually.TryAsync(async () => (page = await journal.ReadAcknowledgedPageAsync(key, 0, 50, false, true, 10)).FromStandby, Bound),
            "no standby served the page of 10 replayed versions");
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), page!.Records.Select(r => r.Version));
        Assert.Equal(chain.Hash.ToArray(), page.Records[^1].Hash.ToArray());

        var standbys = await StandbysAsync(ha);
        var paused = standbys.SelectMany(member => ha.Processes(member).PauseReplay()).ToList();
        try
        {
            var head = await AppendAsync(journal, key, chain, 5);
            var ascending = await journal.ReadAcknowledgedPageAsync(key, 0, 50, false, true, 15);
            Assert.False(ascending.FromStandby);
            Assert.Equal(Enumerable.Range(1, 15).Select(v => (long)v), ascending.Records.Select(r => r.Version));
            Assert.Equal(head.Hash.ToArray(), ascending.Records[^1].Hash.ToArray());

            var newestFirst = await journal.ReadAcknowledgedPageAsync(key, long.MaxValue, 3, true, false, 15);
            Assert.False(newestFirst.FromStandby);
            Assert.Equal([15L, 14L, 13L], newestFirst.Records.Select(r => r.Version));

            // Versions the standbys hold are still theirs to serve; nothing past the acknowledged head is ever shown.
            var older = await journal.ReadAcknowledgedPageAsync(key, 0, 50, false, false, 8);
            Assert.True(older.FromStandby);
            Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), older.Records.Select(r => r.Version));
        }
        finally
        {
            HaMemberProcesses.Resume(paused);
        }
    }

    private static async Task<JournalRecord> AppendAsync(PostgresEntityJournal journal, EntityKey key, JournalRecord? previous, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var next = TestChains.Next(key, previous, $$"""{"n":{{(previous?.Version ?? 0) + 1}}}""");
            Assert.IsType<AppendOutcome.Committed>(await journal.AppendAsync(next));
            previous = next;
        }

        return previous!;
    }

    private static async Task<List<string>> StandbysAsync(HaCluster ha)
    {
        var standbys = new List<string>();
        foreach (var member in ha.Members)
        {
            if (await ScalarAsync<bool>(ha, member, "SELECT pg_is_in_recovery()"))
            {
                standbys.Add(member);
            }
        }

        Assert.NotEmpty(standbys);
        return standbys;
    }

    private static async Task<T> ScalarAsync<T>(HaCluster ha, string member, string sql)
    {
        await using var connection = new NpgsqlConnection(ha.AdminConnectionStringOf(member));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
