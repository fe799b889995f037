using System.Diagnostics;
using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Scenarios;

public sealed partial class ScenarioRunner
{
    /// <summary>Injects the fault; returns a stopwatch started when the fault ended (recovery is measured from there).</summary>
    private async Task<Stopwatch> InjectAsync(FaultScenario scenario, Stopwatch loadClock, List<string> notes, List<Task> afterFault)
    {
        // Progress for whoever watches the run (InterruptedRunTests waits for these lines to signal it mid-fault).
        cluster.Log($"fault {scenario.Name()} starts, {loadClock.Elapsed.TotalSeconds:F0} s into the load");
        switch (scenario)
        {
            case FaultScenario.Kill9:
            {
                var victim = PickSilo();
                victim.Kill();
                notes.Add($"kill -9 of silo {victim.SiloPort} (pid {victim.ProcessId})");
                var ended = Stopwatch.StartNew();
                await cluster.RemoveAsync(victim);
                return ended;
            }

            case FaultScenario.Sigstop:
            {
                var victim = PickSilo();
                PosixSignals.Send(victim.ProcessId, PosixSignals.Sigstop);
                var paused = Stopwatch.StartNew();
                cluster.Log($"fault sigstop: silo {victim.SiloPort} (pid {victim.ProcessId}) paused");
                var dead = await cluster.WaitUntilDeclaredDeadAsync(victim.SiloPort, options.DeathDeclarationBound);
                notes.Add(dead
                    ? $"silo {victim.SiloPort} paused; declared dead after {paused.Elapsed.TotalSeconds:F1} s"
                    : $"silo {victim.SiloPort} paused; NOT declared dead within {options.DeathDeclarationBound}");
                PosixSignals.Send(victim.ProcessId, PosixSignals.Sigcont);
                var ended = Stopwatch.StartNew();
                // Resumed, it learns it was declared dead and must stop by itself; whatever it still tries to
                // write is fenced by the journal's keys, and the checker would see it.
                afterFault.Add(ReapResumedSiloAsync(victim, notes));
                return ended;
            }

            case FaultScenario.PgRestart:
            {
                var restarting = Stopwatch.StartNew();
                await cluster.Postgres.RestartFastAsync();
                notes.Add($"pg_ctl restart -m fast took {restarting.Elapsed.TotalSeconds:F1} s");
                return Stopwatch.StartNew();
            }

            case FaultScenario.RedisOutage:
            {
                await cluster.Redis.StopAsync();
                await Task.Delay(options.RedisOutage);
                await cluster.Redis.StartAgainAsync();
                notes.Add($"Redis down for {options.RedisOutage.TotalSeconds:F0} s");
                return Stopwatch.StartNew();
            }

            case FaultScenario.Churn:
                await ChurnAsync(loadClock, notes);
                return Stopwatch.StartNew();

            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }

    /// <summary>
    /// Starts a silo, lets it take grains, stops it; again and again. Cycles alternate between a graceful stop
    /// (SIGTERM: the silo drains and leaves the membership) and kill -9 (the cluster must notice the death itself
    /// and reactivate the silo's grains elsewhere), so there are always at least two cycles, one of each.
    /// </summary>
    private async Task ChurnAsync(Stopwatch loadClock, List<string> notes)
    {
        // Bounded in count either way: the configured cycles, or as many as fit in the load (at most 100).
        var cycles = options.ChurnCycles > 0 ? Math.Max(2, options.ChurnCycles) : 100;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            if (options.ChurnCycles == 0 && cycle >= 2 && loadClock.Elapsed > options.Duration * 0.8)
            {
                break;
            }

            var starting = Stopwatch.StartNew();
            var silo = await cluster.StartSiloAsync();
            var started = starting.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var graceful = cycle % 2 == 0;
            int? exitCode = null;
            if (graceful)
            {
                try
                {
                    exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(20));
                }
                catch (TimeoutException)
                {
                    // Did not stop within the bound: killed below by RemoveAsync.
                }
            }
            else
            {
                silo.Kill();
            }

            await cluster.RemoveAsync(silo);
            var stopped = graceful ? $"SIGTERM exit code {(exitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (killed)")}" : "kill -9";
            notes.Add($"churn {cycle + 1}: silo {silo.SiloPort} up in {started.TotalSeconds:F1} s, {stopped}");
            if (graceful && exitCode is not 0)
            {
                // The last exception message says why; the stack frames after it only where.
                var lines = silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var why = lines.LastOrDefault(line => line.Contains("Exception", StringComparison.Ordinal) && !line.StartsWith("at ", StringComparison.Ordinal));
                notes.Add("  its last output: " + string.Join(" | ", lines.TakeLast(3).Prepend(why ?? "").Where(line => line.Length > 0).Select(line => line.Length > 300 ? line[..300] + "…" : line)));
            }
        }
    }

    private async Task ReapResumedSiloAsync(SiloProcess victim, List<string> notes)
    {
        var waited = Stopwatch.StartNew();
        var exited = await Eventually.TryAsync(() => victim.HasExited, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        lock (notes)
        {
            notes.Add(exited
                ? $"resumed silo {victim.SiloPort} stopped by itself after {waited.Elapsed.TotalSeconds:F1} s"
                : $"resumed silo {victim.SiloPort} still running after 30 s: killed");
        }

        await cluster.RemoveAsync(victim);
    }

    private SiloProcess PickSilo()
    {
        var silos = cluster.Silos.Where(s => !s.HasExited).ToList();
        return silos.Count >= 2
            ? silos[Random.Shared.Next(silos.Count)]
            : throw new InvalidOperationException($"Only {silos.Count} silo(s) running; a fault needs a survivor.");
    }
}
