using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Testing;
using Ivr.Storage.Testing.HighAvailability;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// Issue 17's fault scenarios on the Patroni cluster, short form (16 writers, seconds of load around one fault): nothing
/// acknowledged is lost (RPO 0), no gap or duplicate, nothing the feed showed is missing from the final journal, and the
/// first write after the fault is acknowledged within 30 s (RTO). The measured values go to the test output.
/// </summary>
[Collection(HaCollection.Name)]
public sealed class FailoverScenarioTests(HaClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Rto = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task pg_primary_kill9_loses_no_acknowledged_write_and_shows_no_fork()
    {
        try
        {
            await RunAsync(async (ha, primary) =>
            {
                ha.Processes(primary).KillMachine();
                await ha.WaitForMemberAsync("/primary", Bound, member => member != primary);
            }, Rto);
        }
        finally
        {
            await HaCluster.StartAsync(); // the killed member rejoins as a standby (pg_rewind when needed)
        }
    }

    [Fact]
    public async Task pg_primary_sigstop_until_failover_then_sigcont_rejoins_the_old_primary_as_a_standby()
    {
        string? frozen = null;
        IReadOnlyList<int> paused = [];
        try
        {
            await RunAsync(async (ha, primary) =>
            {
                frozen = primary;
                paused = ha.Processes(primary).PauseMachine();
                await ha.WaitForMemberAsync("/primary", Bound, member => member != primary);
                HaMemberProcesses.Resume(paused);
                paused = [];
            }, Rto);

            // Thawed, the old primary must follow the new one (Patroni 3.0.2 over etcd3 took the cluster back instead).
            var leader = await fixture.Cluster.WaitForMemberAsync("/primary", Bound);
            Assert.NotEqual(frozen, leader);
            Assert.True(await Eventually.TryAsync(() => fixture.Cluster.AnswersAsync(frozen!, "/replica"), Bound), $"{frozen} did not rejoin as a standby");
        }
        finally
        {
            HaMemberProcesses.Resume(paused);
            await HaCluster.StartAsync(); // whatever happened, later tests find three members again
        }
    }

    [Fact]
    public async Task pg_switchover_loses_no_acknowledged_write_and_shows_no_fork()
    {
        await RunAsync(async (_, _) =>
            await ChildProcess.RunAsync("bash", ["deploy/local/ha.sh", "switchover"], Bound, TestPaths.RepositoryRoot), Rto);
    }

    [Fact]
    public async Task etcd_outage_of_20_s_loses_nothing()
    {
        var etcd = int.Parse(File.ReadAllText(Path.Combine(fixture.Cluster.Home, "run", "etcd.pid")).Trim(), CultureInfo.InvariantCulture);
        await RunAsync(async (_, _) =>
        {
            PosixSignals.Send(etcd, PosixSignals.Sigstop);
            try
            {
                // The fault itself lasts 20 s (the scenario's definition), not a wait for an event.
                await Task.Delay(TimeSpan.FromSeconds(20));
            }
            finally
            {
                PosixSignals.Send(etcd, PosixSignals.Sigcont);
            }
        }, maxRto: null);
    }

    /// <param name="maxRto">The longest acceptable time without an acknowledged write; null: no bound (etcd outage: Patroni decides).</param>
    private async Task RunAsync(Func<HaCluster, string, Task> fault, TimeSpan? maxRto)
    {
        var ha = fixture.Cluster;
        await ha.WaitForMemberAsync("/sync", Bound);
        await using var harness = await JournalHarness.StartAsync(o => o.FeedRequiresSyncStandby = true, ha.JournalConnectionString);
        var workload = new FailoverWorkload(harness.Journal, writers: 16);
        using var stop = new CancellationTokenSource();
        var running = workload.RunAsync(await harness.Journal.ReadHorizonAsync(), stop.Token);
        long faultAt;
        try
        {
            Assert.True(await Eventually.TryAsync(() => workload.Acknowledged.Count >= 100, Bound), "the load never got going");
            var primary = await ha.WaitForMemberAsync("/primary", Bound);
            faultAt = Stopwatch.GetTimestamp();
            await fault(ha, primary);
            var over = Stopwatch.GetTimestamp();
            Assert.True(await Eventually.TryAsync(() => workload.AckTimestamps.Count(t => t > over) >= 100, Bound), "writes did not resume after the fault");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        await ha.WaitForMemberAsync("/primary", Bound);

        var verdict = await FailoverVerdict.CheckAsync(harness.Journal, workload, faultAt);
        output.WriteLine(verdict.ToString());
        Assert.Equal(0, verdict.Lost);
        Assert.Equal(0, verdict.Forked);
        Assert.Equal(0, verdict.Gaps);
        Assert.True(maxRto is null || verdict.Rto < maxRto, $"RTO {verdict.Rto} exceeds {maxRto}");
    }
}
