using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Benchmarks.Silo;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Samples, every 200 ms while a latency run lasts, what could stall a write: the silo's and this process's garbage
/// collections and thread pool queues, how long a trivial grain call takes, and what PostgreSQL's backends of the run's
/// database, its checkpointer and autovacuum are waiting for. Afterwards it says what was going on while each of the
/// run's slowest operations waited: evidence, not a verdict.
/// </summary>
internal sealed class StallWatch : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly List<StallSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private StallWatch(BenchSession session) => _sampling = Task.Run(() => SampleAsync(session));

    public static StallWatch Start(BenchSession session) => new(session);

    /// <summary>What the samples around each of <paramref name="run"/>'s slowest operations show, one line each.</summary>
    public IReadOnlyList<string> Explain(Measurement run)
    {
        List<StallSample> samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var lines = new List<string>();
        foreach (var slow in run.Slowest ?? [])
        {
            var from = run.WindowStartTimestamp + (long)((slow.DueAtSeconds - Interval.TotalSeconds) * Stopwatch.Frequency);
            var to = run.WindowStartTimestamp + (long)((slow.DueAtSeconds + (slow.LatencyMs / 1000) + Interval.TotalSeconds) * Stopwatch.Frequency);
            var around = samples.Where(s => s.Timestamp >= from && s.Timestamp <= to).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"due {slow.DueAtSeconds:0.00} s, {slow.LatencyMs:0} ms: {Describe(around)}"));
        }

        return lines;
    }

    private static string Describe(List<StallSample> around)
    {
        if (around.Count < 2)
        {
            return "no samples around it";
        }

        var (first, last) = (around[0], around[^1]);
        var waits = around.SelectMany(s => s.Waits).GroupBy(w => w).OrderByDescending(g => g.Count()).Take(4)
            .Select(g => $"{g.Key}×{g.Count()}");
        return string.Create(CultureInfo.InvariantCulture,
            $"silo GC +{last.Silo.GcPauseMs - first.Silo.GcPauseMs:0} ms (gen2 +{last.Silo.Gen2 - first.Silo.Gen2}, longest last pause {around.Max(s => s.Silo.LastPauseMs):0} ms), " +
            $"silo pool {around.Max(s => s.Silo.ThreadPoolThreads)} threads / queue ≤ {around.Max(s => s.Silo.ThreadPoolQueued)}, grain ping ≤ {around.Max(s => s.PingMs):0} ms; " +
            $"harness GC +{last.Harness.GcPauseMs - first.Harness.GcPauseMs:0} ms, queue ≤ {around.Max(s => s.Harness.ThreadPoolQueued)}; " +
            $"checkpoints +{last.Checkpoints - first.Checkpoints}, buffers written by checkpoint +{last.CheckpointBuffers - first.CheckpointBuffers}; " +
            $"pg waits {string.Join(" ", waits)}");
    }

    private async Task SampleAsync(BenchSession session)
    {
        var probe = session.Client.GetGrain<IBenchProbeGrain>(0);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                var started = Stopwatch.GetTimestamp();
                var silo = await probe.SampleRuntime();
                var pingMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var (checkpoints, buffers, waits) = await SamplePostgresAsync(session);
                lock (_samples)
                {
                    _samples.Add(new StallSample(started, silo, pingMs, RuntimeSample.Now(), checkpoints, buffers, waits));
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    // Client backends of the run's database that are active, by what they wait for ("CPU" when on the processor), plus
    // the checkpointer and autovacuum when busy.
    private static async Task<(long Checkpoints, long Buffers, string[] Waits)> SamplePostgresAsync(BenchSession session)
    {
        await using var command = session.Admin.CreateCommand(
            """
            SELECT (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
                   (SELECT buffers_checkpoint FROM pg_stat_bgwriter),
                   array(SELECT backend_type || ':' || coalesce(wait_event_type || '.' || wait_event, 'CPU')
                           FROM pg_stat_activity
                          WHERE pid <> pg_backend_pid()
                            AND ((datname = current_database() AND state = 'active')
                                 OR (backend_type IN ('checkpointer', 'autovacuum worker', 'walwriter')
                                     AND coalesce(wait_event, '') NOT IN ('CheckpointerMain', 'WalWriterMain', 'AutoVacuumMain'))))
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<string[]>(2));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private sealed record StallSample(long Timestamp, RuntimeSample Silo, double PingMs, RuntimeSample Harness, long Checkpoints, long CheckpointBuffers, string[] Waits);
}
