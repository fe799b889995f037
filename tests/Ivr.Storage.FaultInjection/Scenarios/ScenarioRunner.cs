using System.Diagnostics;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>
/// Runs one scenario on a shared <see cref="FaultCluster"/>: restore the silo count (and the gateway), seed, load
/// through the Orleans client and the HTTP gateway, inject the fault a third of the way in (or every fault one after
/// another), measure recovery, stop the load, retry every unknown write with its own idempotency key, then check the
/// journal, the change feed and the read model. Scenarios use entity types of their own, so they never see each
/// other's data.
/// </summary>
public sealed partial class ScenarioRunner(FaultCluster cluster, ScenarioOptions options)
{
    public async Task<ScenarioResult> RunAsync(FaultScenario scenario)
    {
        var elapsed = Stopwatch.StartNew();
        var notes = new List<string>();
        await cluster.EnsureSilosAsync();
        await cluster.EnsureGatewayAsync();
        var gateway = cluster.Gateway;
        gateway.TakeLoggedErrors();
        var workload = new EntityWorkload(cluster.Client, cluster.GatewayHttp, scenario.Name(), options.Workload);
        await workload.SeedAsync(TimeSpan.FromSeconds(60));
        cluster.Log($"[{scenario.Name()}] load on {workload.EntityType} for {options.Duration.TotalSeconds:F0} s, {options.Workload.Writers} writers (client and HTTP)");

        // Bounded whatever happens: every fault's own bounds plus the duration plus slack.
        var faults = scenario == FaultScenario.Combined ? CombinedSequence.Count : 1;
        var hardLimit = options.Duration + options.DeathDeclarationBound + options.RedisOutage + ((options.RecoveryBound + TimeSpan.FromMinutes(2)) * faults);
        using var stop = new CancellationTokenSource();
        var loadClock = Stopwatch.StartNew();
        var load = workload.RunAsync(hardLimit, stop.Token);
        var afterFault = new List<Task>();
        Task<TimeSpan?>? recovery = null;
        try
        {
            await Task.Delay(options.Duration / 3);
            recovery = scenario == FaultScenario.Combined
                ? Task.FromResult(await InjectEveryFaultAsync(workload, loadClock, notes, afterFault))
                : workload.ProbeRecoveryAsync(await InjectAsync(scenario, loadClock, notes, afterFault), options.RecoveryBound);
            var rest = options.Duration - loadClock.Elapsed;
            await Task.Delay(rest > TimeSpan.FromSeconds(1) ? rest : TimeSpan.FromSeconds(1));
            await Eventually.TryAsync(() => workload.Acknowledged() is var acked && acked.All >= options.MinimumAcknowledged.All && acked.OverHttp >= options.MinimumAcknowledged.OverHttp, options.MinimumLoadBound);
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
        var sinceLastWrite = Stopwatch.StartNew();

        notes.AddRange(TransportSummary.Describe(workload.Requests));
        notes.Add(TransportSummary.DescribeUnknown(workload.Requests));
        notes.Add(TransportSummary.DescribeStatuses(workload.GatewayStatuses));
        notes.AddRange(ReaderSummary.Describe(workload));
        notes.AddRange(gateway.TakeLoggedErrors().Select(error => "gateway logged: " + error));
        var report = await CheckAsync(workload);
        var (readModelTime, divergence) = await WaitForReadModelAsync(workload.EntityType, sinceLastWrite);
        notes.Add($"read model {(readModelTime is { } converged ? $"converged {converged.TotalSeconds:F1} s after the last write" : $"did NOT converge within {options.ReadModelBound}")}");
        var violations = new List<Violation>(report.Violations);
        violations.AddRange(divergence);
        if (recoveryTime is null)
        {
            violations.Add(new Violation(ViolationKind.NoRecovery, $"no write and read within {options.RecoveryBound} after the fault"));
        }

        if (gateway.HasExited)
        {
            violations.Add(new Violation(ViolationKind.GatewayExited, $"the gateway exited with code {gateway.ExitCode}; its last output:\n{gateway.Output}"));
        }

        return new ScenarioResult(scenario, workload.EntityType, report with { Violations = violations }, recoveryTime, readModelTime, elapsed.Elapsed, notes);
    }

    private static string Format(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds:F1} s" : "none";
}
