using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// Issue 17's restore drill: a pgBackRest backup, writes, time T, more writes; a point-in-time restore to T into a
/// fresh instance holds exactly the writes acknowledged before T, none after, every chain intact.
/// </summary>
[Collection(HaCollection.Name)]
public sealed class RestoreDrillTests(HaClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task restore_drill_to_time_t_holds_exactly_the_writes_acknowledged_before_t()
    {
        var ha = fixture.Cluster;
        await ChildProcess.RunAsync("bash", ["deploy/local/ha.sh", "backup", "incr"], Bound, TestPaths.RepositoryRoot);
        await using var harness = await JournalHarness.StartAsync(connectionString: ha.JournalConnectionString);
        var type = "restore-drill-" + Guid.NewGuid().ToString("N")[..8];
        var backedUp = await ha.AdminScalarAsync<DateTime>("SELECT clock_timestamp()");
        var before = await WriteAsync(harness.Journal, type, "before", 20);
        // pgBackRest compares a backup's stop time with T in whole seconds and restores only from a backup that stopped
        // in an earlier second: on a fresh cluster the backup's end and the 20 writes fit in one second (a clean-clone
        // run failed with "unable to find backup set with stop time less than T"). T waits for the next second but one.
        Assert.True(await Eventually.TryAsync(
            async () => await ha.AdminScalarAsync<DateTime>("SELECT clock_timestamp()") >= backedUp.AddTicks(-(backedUp.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(2),
            Bound), "the database clock did not move on");
        var target = await ha.AdminScalarAsync<DateTime>("SELECT clock_timestamp()");
        var after = await WriteAsync(harness.Journal, type, "after", 20);
        // The WAL holding the later writes must be in the repository too: the restore has to stop at T, not run dry.
        var segment = await ha.AdminScalarAsync<string>("SELECT pg_walfile_name(pg_switch_wal())");
        Assert.True(await Eventually.TryAsync(
            async () => string.CompareOrdinal(await ha.AdminScalarAsync<string>("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver"), segment) >= 0,
            Bound), $"WAL segment {segment} was not archived");

        var primary = await ha.WaitForMemberAsync("/primary", Bound);
        await using var drill = await DrillInstance.RestoreAsync(ha, primary, target, Bound);
        var restored = await drill.ReadJournalAsync(type);
        output.WriteLine($"T = {target:O}: {before.Count} versions before, {after.Count} after; restored {restored.Count}");
        Assert.Equal(
            before.Select(r => (r.Key.Id, r.Version, Convert.ToHexString(r.Hash))).Order(),
            restored.Order());
    }

    private static async Task<List<JournalRecord>> WriteAsync(PostgresEntityJournal journal, string type, string prefix, int entities)
    {
        var written = new List<JournalRecord>();
        for (var i = 0; i < entities; i++)
        {
            var chain = TestChains.Chain(EntityKey.Create(type, $"{prefix}-{i}"), 3);
            foreach (var record in chain)
            {
                Assert.IsType<AppendOutcome.Committed>(await journal.AppendAsync(record));
            }

            written.AddRange(chain);
        }

        return written;
    }
}
