using System.Collections.Concurrent;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

public sealed class ChangeFeedTests
{
    /// <summary>
    /// 32 writers insert in explicit transactions that hold their rows for a random while before committing or
    /// rolling back, so transactions commit out of the order of their positions and leave holes. A reader follows
    /// the feed all along. It must see every committed row exactly once, in position order, and nothing else.
    /// </summary>
    [Fact]
    public async Task a_reader_racing_writers_with_rollbacks_sees_every_committed_version_once_in_order()
    {
        await using var harness = await JournalHarness.StartAsync();
        var type = "feed-race-" + Guid.NewGuid().ToString("N")[..8];
        var committed = new ConcurrentBag<(string Id, long Version)>();
        var rolledBack = new ConcurrentBag<(string Id, long Version)>();
        var start = await harness.Journal.ReadHorizonAsync();
        using var writersDone = new CancellationTokenSource();

        var writers = Enumerable.Range(0, 32).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            JournalRecord? previous = null;
            var key = EntityKey.Create(type, $"writer-{writer}");
            for (var i = 0; i < 12; i++)
            {
                var record = TestChains.Next(key, previous, $$"""{"w":{{writer}},"i":{{i}}}""");
                var commit = random.Next(4) != 0;
                await InsertInTransactionAsync(record, holdFor: TimeSpan.FromMilliseconds(random.Next(0, 25)), commit);
                if (commit)
                {
                    committed.Add((key.Id, record.Version));
                    previous = record;
                }
                else
                {
                    rolledBack.Add((key.Id, record.Version));
                }
            }
        })).ToArray();

        var seen = new List<FeedEntry>();
        var cursor = start;
        var allWritten = Task.WhenAll(writers);
        // Follow while writing, then drain until every committed row arrived. Rows become visible only once no older
        // transaction is still running anywhere in the database (other tests run beside this one), hence a bounded
        // wait rather than "stop at the first empty page". A skipped row would never arrive: the test then fails.
        var drainDeadline = DateTime.UtcNow.AddSeconds(30);
        while (!allWritten.IsCompleted || (seen.Count(e => e.Record.Key.Type == type) < committed.Count && DateTime.UtcNow < drainDeadline))
        {
            var page = await harness.Journal.ReadAsync(cursor, 100);
            seen.AddRange(page);
            if (page.Count > 0)
            {
                cursor = page[^1].Position;
            }
            else
            {
                await Task.Delay(5);
            }
        }

        await allWritten;
        var ours = seen.Where(e => e.Record.Key.Type == type).ToList();
        Assert.Equal(
            committed.OrderBy(c => c.Id).ThenBy(c => c.Version),
            ours.Select(e => (e.Record.Key.Id, e.Record.Version)).OrderBy(c => c.Id).ThenBy(c => c.Version));
        Assert.NotEmpty(rolledBack);
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i - 1].Position < seen[i].Position, $"feed order broken at {seen[i - 1].Position} -> {seen[i].Position}");
        }

        foreach (var group in ours.GroupBy(e => e.Record.Key.Id))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()).Select(v => (long)v), group.Select(e => e.Record.Version));
        }
    }

    [Fact]
    public async Task the_feed_carries_the_version_exactly_as_committed()
    {
        await using var harness = await JournalHarness.StartAsync();
        var start = await harness.Journal.ReadHorizonAsync();
        var key = JournalHarness.NewKey();
        var record = TestChains.Next(key, null, """{"a":"é","b":[1,2]}""");
        await harness.Journal.AppendAsync(record);

        // Other test classes write to the shared journal meanwhile: the entry shows once every transaction older than
        // it has ended (the feed never passes a transaction still running), and possibly pages behind theirs.
        var entries = await ReadUntilAsync(harness.Journal, start, key);
        var entry = Assert.Single(entries, e => e.Record.Key == key);
        var change = entry.ToChangeEvent();

        Assert.Equal(record.Hash, entry.Record.Hash);
        Assert.Equal($"{key}@1", change.Id);
        Assert.Equal("ivr.storage.entity.put.v1", change.Type);
        Assert.Equal(key.ToGrainKey(), change.Subject);
        Assert.Equal(record.CommittedAt, change.Time);
        Assert.Equal(Convert.ToHexStringLower(record.Hash), change.Hash);
        Assert.Equal(record.Payload, change.Payload);
        Assert.Equal(change.Position, FeedPosition.Parse(change.Position.ToString()));
    }

    /// <summary>Pages the feed from <paramref name="start"/> until <paramref name="key"/> appears (bounded: 10 s).</summary>
    private static async Task<List<FeedEntry>> ReadUntilAsync(PostgresEntityJournal journal, FeedPosition start, EntityKey key)
    {
        var entries = new List<FeedEntry>();
        var after = start;
        for (var attempt = 0; attempt < 200 && !entries.Any(e => e.Record.Key == key); attempt++)
        {
            var page = await journal.ReadAsync(after, 1000);
            if (page.Count == 0)
            {
                await Task.Delay(50);
                continue;
            }

            entries.AddRange(page);
            after = page[^1].Position;
        }

        return entries;
    }

    private static async Task InsertInTransactionAsync(JournalRecord record, TimeSpan holdFor, bool commit)
    {
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.JournalConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO ivr.journal (entity_type, entity_id, version, kind, payload, committed_at, source, prev_hash, hash)
            VALUES ($1, $2, $3, 1, $4::jsonb, $5, 'feed-tests', $6, $7)
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = record.Key.Type });
            insert.Parameters.Add(new() { Value = record.Key.Id });
            insert.Parameters.Add(new() { Value = record.Version });
            insert.Parameters.Add(new() { Value = record.Payload! });
            insert.Parameters.Add(new() { Value = record.CommittedAt.UtcDateTime });
            insert.Parameters.Add(new() { Value = record.PreviousHash });
            insert.Parameters.Add(new() { Value = record.Hash });
            await insert.ExecuteNonQueryAsync();
        }

        await Task.Delay(holdFor);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }
}
