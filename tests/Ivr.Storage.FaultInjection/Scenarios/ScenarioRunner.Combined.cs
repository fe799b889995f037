using System.Diagnostics;
using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>The faults of the combined scenario, in order.</summary>
    private static readonly IReadOnlyList<FaultScenario> CombinedSequence =
        [FaultScenario.Kill9, FaultScenario.Sigstop, FaultScenario.PgRestart, FaultScenario.RedisOutage, FaultScenario.Churn];

    /// <summary>
    /// The combined scenario: every fault during one load run, one after another. Each must be recovered from before
    /// the next starts, so a fault hits a cluster that is serving, not one still healing; returns the longest recovery,
    /// or null when any fault was not recovered from.
    /// </summary>
    private async Task<TimeSpan?> InjectEveryFaultAsync(EntityWorkload workload, Stopwatch loadClock, List<string> notes, List<Task> afterFault)
    {
        TimeSpan? longest = TimeSpan.Zero;
        foreach (var fault in CombinedSequence)
        {
            if (fault is FaultScenario.Kill9 or FaultScenario.Sigstop)
            {
                // A victim needs survivors: give back the silo the previous fault took.
                await cluster.EnsureSilosAsync();
            }

            var ended = await InjectAsync(fault, loadClock, notes, afterFault);
            var recovered = await workload.ProbeRecoveryAsync(ended, options.RecoveryBound);
            // A resumed (SIGCONT) silo stops by itself; it must be gone before the next fault counts the silos.
            await Task.WhenAll(afterFault);
            notes.Add($"{fault.Name()}: recovered in {Format(recovered)}, {loadClock.Elapsed.TotalSeconds:F0} s into the load");
            longest = recovered is { } time && longest is { } max ? (time > max ? time : max) : null;
        }

        return longest;
    }
}
