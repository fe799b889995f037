using System.Diagnostics;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>
/// Runs one scenario on a shared <see cref="FaultCluster"/>: restore the silo count, seed, load, inject the fault a
/// third of the way in, measure recovery, stop the load, retry every unknown write with its own idempotency key,
/// then check the journal and the change feed. Scenarios use entity types of their own, so they never see each
/// other's data.
/// </summary>
public sealed partial class ScenarioRunner(FaultCluster cluster, ScenarioOptions options)
{
    public async Task<ScenarioResult> RunAsync(FaultScenario scenario)
    {
        var elapsed = Stopwatch.StartNew();
        var notes = new List<string>();
        await cluster.EnsureSilosAsync();
        var workload = new EntityWorkload(cluster.Client, scenario.Name(), options.Workload);
        await workload.SeedAsync(TimeSpan.FromSeconds(60));
        cluster.Log($"[{scenario.Name()}] load on {workload.EntityType} for {options.Duration.TotalSeconds:F0} s, {options.Workload.Writers} writers");

        // Bounded whatever happens: the fault's own bounds plus the duration plus slack.
        var hardLimit = options.Duration + options.DeathDeclarationBound + options.RedisOutage + options.RecoveryBound + TimeSpan.FromMinutes(2);
        using var stop = new CancellationTokenSource();
        var loadClock = Stopwatch.StartNew();
        var load = workload.RunAsync(hardLimit, stop.Token);
        var afterFault = new List<Task>();
        Task<TimeSpan?>? recovery = null;
        try
        {
            await Task.Delay(options.Duration / 3);
            var faultEnded = await InjectAsync(scenario, loadClock, notes, afterFault);
            recovery = workload.ProbeRecoveryAsync(faultEnded, options.RecoveryBound);
            var rest = options.Duration - loadClock.Elapsed;
            await Task.Delay(rest > TimeSpan.FromSeconds(1) ? rest : TimeSpan.FromSeconds(1));
        }
        finally
        {
            await stop.CancelAsync();
            await load;
            await Task.WhenAll(afterFault);
        }

        var recoveryTime = await recovery;
        cluster.Log($"[{scenario.Name()}] load stopped after {loadClock.Elapsed.TotalSeconds:F1} s; recovery {Format(recoveryTime)}; retrying {workload.Requests.Count(r => r.IsUnknown)} unknown writes");
        await workload.RetryUnknownAsync(options.RetryBound);

        var report = await CheckAsync(workload);
        if (recoveryTime is null)
        {
            report = report with { Violations = [.. report.Violations, new Violation(ViolationKind.NoRecovery, $"no write and read within {options.RecoveryBound} after the fault")] };
        }

        return new ScenarioResult(scenario, workload.EntityType, report, recoveryTime, elapsed.Elapsed, notes);
    }

    private async Task<CheckReport> CheckAsync(EntityWorkload workload)
    {
        var admin = cluster.Postgres.AdminConnectionString;
        var rows = await JournalReader.ReadRowsAsync(admin, workload.EntityType);
        var total = await JournalReader.CountRowsAsync(admin);
        var feed = await JournalReader.ReadFeedAsync(admin, total, TimeSpan.FromSeconds(10));
        return ConsistencyChecker.Check(workload.Requests, workload.Reads, rows, feed, total);
    }

    private static string Format(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F1} s" : "none";
}
