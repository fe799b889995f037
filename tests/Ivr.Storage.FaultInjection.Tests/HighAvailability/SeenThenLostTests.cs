using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;
using Ivr.Storage.Testing.HighAvailability;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// Issue 17, "nothing a failover loses may ever have been shown": a version visible on the primary but not flushed by
/// the synchronous standby, then the primary's machine lost. The feed of a journal with
/// <see cref="JournalOptions.FeedRequiresSyncStandby"/> never delivers it; a plain feed on the same primary does (the
/// control that proves the window was opened), and after the failover that version is gone: seen, then lost.
/// </summary>
[Collection(HaCollection.Name)]
public sealed class SeenThenLostTests(HaClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task should_never_deliver_a_version_that_the_failover_loses()
    {
        var ha = fixture.Cluster;
        await using var guarded = await JournalHarness.StartAsync(o => o.FeedRequiresSyncStandby = true, ha.JournalConnectionString);
        await using var naive = await JournalHarness.StartAsync(connectionString: ha.JournalConnectionString);
        var key = EntityKey.Create("seen-then-lost", Guid.NewGuid().ToString("N"));
        var start = await naive.Journal.ReadHorizonAsync();
        var first = TestChains.Next(key, null, """{"n":1}""");
        Assert.IsType<AppendOutcome.Committed>(await guarded.Journal.AppendAsync(first));
        Assert.True(await Eventually.TryAsync(async () => (await FeedOfAsync(guarded.Journal, start, key)).Count == 1, Bound), "the guarded feed never delivered version 1");

        var primary = await ha.WaitForMemberAsync("/primary", Bound);
        var sync = await ha.WaitForMemberAsync("/sync", Bound);

        // Pause the primary's WAL sender to the synchronous standby: the next commit waits for a flush that cannot come,
        // and its WAL never leaves the primary towards the standby that will be promoted.
        var walSender = await ha.AdminScalarAsync<int>($"SELECT pid FROM pg_stat_replication WHERE application_name = '{sync}'");
        PosixSignals.Send(walSender, PosixSignals.Sigstop);
        try
        {
            await OpenWindowAndReadAsync(ha, primary, sync, guarded.Journal, naive.Journal, start, key, first);
        }
        finally
        {
            // A failure before the kill must not leave the primary's commits hanging for the tests after this one.
            HaMemberProcesses.Resume([walSender]);
        }
    }

    private async Task OpenWindowAndReadAsync(
        HaCluster ha, string primary, string sync, PostgresEntityJournal guarded, PostgresEntityJournal naive, FeedPosition start, EntityKey key, JournalRecord first)
    {
        var second = TestChains.Next(key, first, """{"n":2,"fate":"lost"}""");
        var append = guarded.AppendAsync(second);

        // What a statement timeout or a cancel request does to a commit waiting for the standby: the wait ends, the
        // transaction stays committed on the primary alone and becomes visible there.
        Assert.True(await Eventually.TryAsync(
            async () => await ha.AdminScalarAsync<bool>("SELECT coalesce(bool_or(pg_cancel_backend(pid)), false) FROM pg_stat_activity WHERE wait_event = 'SyncRep'"),
            Bound), "no commit waited for the synchronous standby");
        // Visible on the primary alone: the write must not be acknowledged (a grain head would move to a version the
        // failover loses); it is answered as not confirmed, an unknown outcome the caller reloads and retries.
        var outcome = await OutcomeAsync(append.WaitAsync(Bound));
        output.WriteLine($"the append whose wait was cancelled: {outcome}");
        Assert.StartsWith("not confirmed", outcome, StringComparison.Ordinal);

        Assert.True(await Eventually.TryAsync(async () => (await FeedOfAsync(naive, start, key)).Any(e => e.Record.Version == 2), Bound),
            "control: the plain feed on the primary never showed the unreplicated version 2, so the window was not opened");
        Assert.DoesNotContain(await FeedOfAsync(guarded, start, key), e => e.Record.Version == 2);
        var shown = await FeedOfAsync(guarded, start, key);

        // The primary's machine is lost; the synchronous standby (which never received version 2) is promoted.
        ha.Processes(primary).KillMachine();
        var promoted = await ha.WaitForMemberAsync("/primary", TimeSpan.FromSeconds(90), member => member != primary);
        Assert.Equal(sync, promoted);

        // The retry of the unknown outcome writes a different version 2 on the new primary: the fork a reader of the
        // plain feed saw. Every version the guarded feed showed is in the final journal, byte for byte.
        var retry = TestChains.Next(key, first, """{"n":2,"fate":"retried"}""");
        AppendOutcome? retried = null;
        Assert.True(await Eventually.TryAsync(async () => (retried = await TryAppendAsync(naive, retry)) is not null, Bound), "no write succeeded after the failover");
        var final = await naive.ReadPageAsync(key, 0, 10, descending: false, includePayloads: true);
        Assert.IsType<AppendOutcome.Committed>(retried);
        Assert.Equal([1L, 2L], final.Records.Select(v => v.Version));
        Assert.Equal(retry.Hash, final.Records[1].Hash);
        foreach (var entry in shown)
        {
            Assert.Equal(entry.Record.Hash, final.Records.Single(v => v.Version == entry.Record.Version).Hash);
        }

        Assert.NotEqual(second.Hash, final.Records[1].Hash);
        await HaCluster.StartAsync(); // the lost member rejoins (pg_rewind), so later tests find three again
    }

    private static async Task<List<FeedEntry>> FeedOfAsync(PostgresEntityJournal journal, FeedPosition start, EntityKey key)
    {
        var entries = new List<FeedEntry>();
        var cursor = start;
        while (true)
        {
            var page = await journal.ReadAsync(cursor, 500);
            if (page.Count == 0)
            {
                return entries;
            }

            entries.AddRange(page.Where(e => e.Record.Key == key));
            cursor = page[^1].Position;
        }
    }

    private static async Task<string> OutcomeAsync(Task<AppendOutcome> append)
    {
        try
        {
            return (await append).GetType().Name;
        }
        catch (StoreUnavailableException ex)
        {
            return "not confirmed: " + ex.Message;
        }
    }

    private static async Task<AppendOutcome?> TryAppendAsync(PostgresEntityJournal journal, JournalRecord record)
    {
        try
        {
            return await journal.AppendAsync(record);
        }
        catch (StoreUnavailableException)
        {
            return null; // the old primary's connections break until the new one is found
        }
    }
}
