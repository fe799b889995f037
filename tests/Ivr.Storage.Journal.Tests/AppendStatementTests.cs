using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// A lone append is written with a single-row statement, several with one statement over arrays: both must store
/// every column the same way, and both skip (not fail) a row whose version or idempotency key is taken.
/// </summary>
public sealed class AppendStatementTests
{
    [Fact]
    public async Task a_lone_append_and_a_batched_append_store_every_column_alike()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_stmt");
        await using var harness = await JournalHarness.StartAsync(options => options.MaxConcurrentBatches = 1, database.JournalConnectionString);
        var full = (Func<EntityKey, JournalRecord>)(key => Hashed(TestChains.Next(key, null, idempotencyKey: "key-" + key.Id) with
        {
            Provenance = new Provenance { Source = "stmt-tests", CorrelationId = "corr", CausationId = "cause", Actor = "actor", Reason = "reason" },
            SchemaVersion = 7,
            Tags = new Dictionary<string, string> { ["tenant"] = "t1", ["b"] = "2" },
        }));
        var bare = (Func<EntityKey, JournalRecord>)(key => TestChains.Next(key, null, payload: null, kind: ChangeKind.Delete));

        // Alone: nothing else is queued, so each goes in a single-row statement.
        var loneFull = full(JournalHarness.NewKey());
        var loneBare = bare(JournalHarness.NewKey());
        var loneFullTx = Transaction(await harness.Journal.AppendAsync(loneFull));
        var loneBareTx = Transaction(await harness.Journal.AppendAsync(loneBare));
        Assert.NotEqual(loneFullTx, loneBareTx);

        // Behind a statement held in flight by a table lock: these two queue and go in one statement together.
        var batchedFull = full(JournalHarness.NewKey());
        var batchedBare = bare(JournalHarness.NewKey());
        Task<AppendOutcome> blocker, first, second;
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            blocker = harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null));
            first = harness.Journal.AppendAsync(batchedFull);
            second = harness.Journal.AppendAsync(batchedBare);
        }

        Transaction(await blocker);
        Assert.Equal(Transaction(await first), Transaction(await second));

        AssertStoredAlike(loneFull, await harness.Journal.ReadVersionAsync(loneFull.Key, 1));
        AssertStoredAlike(batchedFull, await harness.Journal.ReadVersionAsync(batchedFull.Key, 1));
        AssertStoredAlike(loneBare, await harness.Journal.ReadVersionAsync(loneBare.Key, 1));
        AssertStoredAlike(batchedBare, await harness.Journal.ReadVersionAsync(batchedBare.Key, 1));
    }

    [Fact]
    public async Task a_lone_append_of_a_taken_version_or_key_is_skipped_and_reported()
    {
        await using var harness = await JournalHarness.StartAsync();
        var key = JournalHarness.NewKey();
        var first = TestChains.Next(key, null, idempotencyKey: "k1");
        Assert.IsType<AppendOutcome.Committed>(await harness.Journal.AppendAsync(first));

        var sameVersion = TestChains.Next(key, null, payload: """{"other":true}""");
        Assert.IsType<AppendOutcome.VersionTaken>(await harness.Journal.AppendAsync(sameVersion));
        var sameKey = TestChains.Next(key, first, idempotencyKey: "k1");
        Assert.IsType<AppendOutcome.IdempotencyKeyUsed>(await harness.Journal.AppendAsync(sameKey));
    }

    private static JournalRecord Hashed(JournalRecord record) => record with { Hash = ChainHash.Compute(record) };

    private static ulong Transaction(AppendOutcome outcome) => Assert.IsType<AppendOutcome.Committed>(outcome).Position.Transaction;

    private static void AssertStoredAlike(JournalRecord written, JournalRecord? stored)
    {
        Assert.NotNull(stored);
        Assert.Equal(written.Kind, stored.Kind);
        Assert.Equal(written.Payload, stored.Payload);
        Assert.Equal(written.CommittedAt, stored.CommittedAt);
        Assert.Equal(written.Provenance, stored.Provenance);
        Assert.Equal(written.IdempotencyKey, stored.IdempotencyKey);
        Assert.Equal(written.RequestHash, stored.RequestHash);
        Assert.Equal(written.SchemaVersion, stored.SchemaVersion);
        Assert.Equal(written.Tags?.OrderBy(tag => tag.Key), stored.Tags?.OrderBy(tag => tag.Key));
        Assert.Equal(written.PreviousHash, stored.PreviousHash);
        Assert.Equal(written.Hash, stored.Hash);
        // The stored row still hashes to its hash: nothing was changed on the way in.
        Assert.Equal(stored.Hash, ChainHash.Compute(stored));
    }
}
