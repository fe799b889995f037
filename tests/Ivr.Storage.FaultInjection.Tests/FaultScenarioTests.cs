using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Scenarios;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>
/// The short form of every scenario (seconds of load, half of it through the HTTP gateway): no acknowledged write
/// lost, none duplicated, every chain intact, every refused write absent, every unknown outcome settled by its retry
/// (over HTTP too), every history page and every change the feed followers were shown (through both transports)
/// committed and in order, the read model converged to the journal, and the cluster serving again within <see cref="RecoveryBound"/>.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class FaultScenarioTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(45);

    private static readonly ScenarioOptions Short = new()
    {
        Duration = TimeSpan.FromSeconds(6),
        RedisOutage = TimeSpan.FromSeconds(4),
        ChurnCycles = 2,
        RecoveryBound = RecoveryBound,
        // Enough to prove something whatever the machine's load (asserted below, with the same margins).
        MinimumAcknowledged = (100, 20),
    };

    [Fact]
    public Task kill_9_of_a_silo_under_load_loses_no_acknowledged_write() => RunAsync(FaultScenario.Kill9);

    [Fact]
    public Task a_silo_paused_until_declared_dead_and_resumed_forks_no_history() => RunAsync(FaultScenario.Sigstop);

    [Fact]
    public Task postgresql_restarted_under_load_loses_no_acknowledged_write() => RunAsync(FaultScenario.PgRestart);

    [Fact]
    public Task a_redis_outage_under_load_loses_no_acknowledged_write() => RunAsync(FaultScenario.RedisOutage);

    [Fact]
    public Task silos_joining_and_leaving_or_killed_under_load_lose_no_acknowledged_write() => RunAsync(FaultScenario.Churn);

    [Fact]
    public Task every_fault_one_after_another_in_one_run_loses_no_acknowledged_write() => RunAsync(FaultScenario.Combined);

    private async Task RunAsync(FaultScenario scenario)
    {
        ScenarioResult? result = null;
        try
        {
            result = await new ScenarioRunner(fixture.Cluster, Short).RunAsync(scenario);
        }
        finally
        {
            foreach (var line in fixture.DrainLog())
            {
                output.WriteLine(line);
            }
        }

        output.WriteLine(ResultsTable.Format([result]));
        output.WriteLine(ResultsTable.Details(result, maxViolations: 50));
        var report = result.Report;
        Assert.True(report.Acknowledged > 50, $"the load got {report.Acknowledged} writes acknowledged; too few to prove anything");
        Assert.True(report.AcknowledgedOverHttp > 10, $"the gateway got {report.AcknowledgedOverHttp} writes acknowledged; the HTTP path was hardly tested");
        Assert.True(report.HistoryPagesOverHttp > 0 && report.HistoryPages > report.HistoryPagesOverHttp, $"history pages checked: {report.HistoryPages}, {report.HistoryPagesOverHttp} of them over HTTP; each transport must have read some");
        Assert.True(report.FollowedChangesOverHttp > 0 && report.FollowedChanges > report.FollowedChangesOverHttp, $"followed changes checked: {report.FollowedChanges}, {report.FollowedChangesOverHttp} of them over HTTP; each transport's follower must have seen some");
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);
        Assert.NotNull(result.Recovery);
        Assert.True(result.Recovery < RecoveryBound, $"recovery took {result.Recovery}");
        Assert.NotNull(result.ReadModelConvergence);
        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations.Take(20)));
    }
}
