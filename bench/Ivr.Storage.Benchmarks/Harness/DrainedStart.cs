using System.Diagnostics;
using Ivr.Storage.Benchmarks.Silo;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Brings a session to the same quiet state before each scenario, so that no scenario pays for work an earlier one
/// left behind (issue 24: F1 after H1 and A1 measured their 200,000-version backlog, not the steady state):
/// the projection, if it ran, catches up with the journal; every idle grain activation is collected and the silo's
/// heap compacted; the projection is left running or stopped as the scenario wants (started, it catches up again);
/// VACUUM (ANALYZE) leaves autovacuum nothing urgent; a CHECKPOINT writes every dirty buffer, so the next checkpoint
/// starts from zero. Each measured run then warms up on its own (<see cref="BenchOptions.WarmUp"/>).
/// </summary>
internal static class DrainedStart
{
    public static async Task<DrainReport> PrepareAsync(BenchSession session, bool projection)
    {
        var total = Stopwatch.StartNew();
        long backlog = 0;
        double catchUpSeconds = 0;
        if (session.Projection.IsRunning)
        {
            var leftOver = await session.Projection.StartAndWaitAsync();
            (backlog, catchUpSeconds) = (leftOver.BacklogVersions, leftOver.Seconds);
        }

        var probe = session.Client.GetGrain<IBenchProbeGrain>(0);
        var activations = await probe.CollectActivations();
        if (projection)
        {
            // Stopped earlier, it has the versions written meanwhile to apply: they count as backlog too.
            var started = await session.Projection.StartAndWaitAsync();
            (backlog, catchUpSeconds) = (backlog + started.BacklogVersions, catchUpSeconds + started.Seconds);
        }
        else if (session.Projection.IsRunning)
        {
            await session.Projection.StopAsync();
        }

        await probe.CollectAndMeasureHeap();
        var vacuumSeconds = await TimeAsync(session, "VACUUM (ANALYZE)");
        var checkpointSeconds = await CheckpointAsync(session);
        return new DrainReport(projection, backlog, catchUpSeconds, activations, vacuumSeconds, checkpointSeconds, total.Elapsed.TotalSeconds, MachineLoad.LoadAverage());
    }

    /// <summary>A CHECKPOINT, timed: also used between the latency runs of one scenario, so none starts with another's dirty buffers.</summary>
    public static Task<double> CheckpointAsync(BenchSession session) => TimeAsync(session, "CHECKPOINT");

    private static async Task<double> TimeAsync(BenchSession session, string statement)
    {
        var clock = Stopwatch.StartNew();
        await using var command = session.Admin.CreateCommand(statement);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return clock.Elapsed.TotalSeconds;
    }
}

/// <summary>
/// What a drained start found and did: whether the projection runs for the scenario, the journal versions it had to
/// catch up with (left by earlier scenarios) and how long that took, the grain activations left after collection, and
/// the seconds VACUUM and CHECKPOINT took, and the machine's load averages when the scenario started.
/// </summary>
internal sealed record DrainReport(bool Projection, long BacklogVersions, double CatchUpSeconds, int ActivationsLeft, double VacuumSeconds, double CheckpointSeconds, double TotalSeconds, string LoadAverage);
