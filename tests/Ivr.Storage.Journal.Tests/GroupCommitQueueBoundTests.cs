using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// The group-commit queue's bound (Journal:MaxQueuedAppends, MaxQueuedBytes) under a database that does not keep up:
/// a table lock held by the test keeps the first statement in flight, so every append behind it stays queued.
/// </summary>
public sealed class GroupCommitQueueBoundTests
{
    [Fact]
    public async Task appends_beyond_the_queue_bound_fail_at_once_and_the_queued_ones_commit_when_the_database_moves_again()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        await using var harness = await JournalHarness.StartAsync(options => options.MaxQueuedAppends = 4, database.JournalConnectionString);
        var queued = Enumerable.Range(0, 4).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();
        var beyond = Enumerable.Range(0, 3).Select(_ => TestChains.Next(JournalHarness.NewKey(), null)).ToArray();
        Task<AppendOutcome>[] accepted;
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            accepted = queued.Select(record => harness.Journal.AppendAsync(record)).ToArray();
            foreach (var record in beyond)
            {
                var refused = harness.Journal.AppendAsync(record);
                // Refused at once, before anything waits: no memory held, no statement, nothing to time out.
                Assert.True(refused.IsFaulted, "An append beyond the bound must fail at once.");
                var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => refused);
                Assert.True(error.NotAttempted, "A refusal before the database says that the write certainly did not happen.");
                Assert.Contains("was not attempted", error.Message, StringComparison.Ordinal);
            }

            // The lock still holds the first statement: nothing queued was answered, let alone acknowledged.
            Assert.DoesNotContain(accepted, append => append.IsCompleted);
        }

        foreach (var outcome in await Task.WhenAll(accepted))
        {
            Assert.IsType<AppendOutcome.Committed>(outcome);
        }

        foreach (var record in queued)
        {
            Assert.Equal(record.Hash, (await harness.Journal.ReadVersionAsync(record.Key, 1))!.Hash);
        }

        foreach (var record in beyond)
        {
            Assert.Null(await harness.Journal.ReadHeadAsync(record.Key));
        }

        // The queue drained, so the bound lets appends in again: the refused ones succeed when retried.
        foreach (var outcome in await Task.WhenAll(beyond.Select(record => harness.Journal.AppendAsync(record))))
        {
            Assert.IsType<AppendOutcome.Committed>(outcome);
        }
    }

    [Fact]
    public async Task appends_beyond_the_byte_bound_are_refused_and_a_lone_append_larger_than_the_bound_still_goes_in()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        var payload = $$"""{"pad":"{{new string('x', 10_000)}}"}""";
        // Room for two such appends (about 20 KB each as .NET strings), not three.
        await using var harness = await JournalHarness.StartAsync(options => options.MaxQueuedBytes = 50_000, database.JournalConnectionString);
        var records = Enumerable.Range(0, 3).Select(_ => TestChains.Next(JournalHarness.NewKey(), null, payload)).ToArray();
        Task<AppendOutcome>[] accepted;
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            accepted = records.Take(2).Select(record => harness.Journal.AppendAsync(record)).ToArray();
            var refused = harness.Journal.AppendAsync(records[2]);
            Assert.True(refused.IsFaulted, "An append beyond the byte bound must fail at once.");
            await Assert.ThrowsAsync<StoreUnavailableException>(() => refused);
        }

        Assert.All(await Task.WhenAll(accepted), outcome => Assert.IsType<AppendOutcome.Committed>(outcome));
        Assert.Null(await harness.Journal.ReadHeadAsync(records[2].Key));

        await using var tiny = await JournalHarness.StartAsync(options => options.MaxQueuedBytes = 1_000, database.JournalConnectionString);
        Assert.IsType<AppendOutcome.Committed>(await tiny.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null, payload)));
    }
}
