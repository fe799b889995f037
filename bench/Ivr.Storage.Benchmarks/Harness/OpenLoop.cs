using System.Diagnostics;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Issues operations at a fixed rate whatever their latency (open loop), so a slow response does not hide behind a
/// lower request rate. Each latency counts from the moment the operation was due, not from when the load generator
/// got round to starting it: a generator that falls behind (its own GC, a starved thread pool) does not hide the
/// wait either (no coordinated omission). With a warm-up the same rate runs unmeasured first.
/// </summary>
internal static class OpenLoop
{
    private const int SlowestKept = 3;

    /// <summary>Sequence number of the first operation the measured window counts (those before it are the warm-up).</summary>
    public static long FirstMeasured(double perSecond, TimeSpan warmUp) => (long)(warmUp.TotalSeconds * perSecond);

    public static async Task<Measurement> RunAsync(string name, double perSecond, TimeSpan duration, Func<long, Task> operation, TimeSpan warmUp = default)
    {
        var latencies = new List<(double DueAt, double Ms)>();
        var pending = new List<Task>();
        var firstMeasured = FirstMeasured(perSecond, warmUp);
        var clock = Stopwatch.StartNew();
        var end = warmUp + duration;
        long issued = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (clock.Elapsed < end && await tick.WaitForNextTickAsync())
        {
            var due = Math.Min((long)(clock.Elapsed.TotalSeconds * perSecond), (long)(end.TotalSeconds * perSecond));
            for (; issued < due; issued++)
            {
                var dueAt = issued / perSecond;
                pending.Add(TimeAsync(operation, issued, clock, dueAt, issued >= firstMeasured ? latencies : null));
            }
        }

        await Task.WhenAll(pending);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds - warmUp.TotalSeconds, 0);
        lock (latencies)
        {
            var slowest = Episodes(latencies).Select(l => new SlowOperation(l.DueAt - warmUp.TotalSeconds, l.Ms)).ToArray();
            return Measurement.FromLatencies(name, 0, seconds, latencies.ConvertAll(l => l.Ms)) with
            {
                OfferedPerSecond = perSecond,
                Slowest = slowest,
                WindowStartTimestamp = clock.GetTimestampAt(warmUp),
            };
        }
    }

    // The slowest operation of each of the worst episodes: operations that waited through the same stall (due within
    // a second of each other, or while the other waited) count once, so each line of evidence is another event.
    private static List<(double DueAt, double Ms)> Episodes(List<(double DueAt, double Ms)> latencies)
    {
        var episodes = new List<(double DueAt, double Ms)>();
        foreach (var candidate in latencies.OrderByDescending(l => l.Ms))
        {
            if (episodes.Count == SlowestKept)
            {
                break;
            }

            if (!episodes.Any(e => candidate.DueAt >= e.DueAt - 1 && candidate.DueAt <= e.DueAt + (e.Ms / 1000) + 1))
            {
                episodes.Add(candidate);
            }
        }

        return episodes;
    }

    private static async Task TimeAsync(Func<long, Task> operation, long sequence, Stopwatch clock, double dueAt, List<(double, double)>? latencies)
    {
        await Task.Yield();
        await operation(sequence);
        if (latencies is null)
        {
            return;
        }

        var elapsed = (clock.Elapsed.TotalSeconds - dueAt) * 1000;
        lock (latencies)
        {
            latencies.Add((dueAt, elapsed));
        }
    }

    // The Stopwatch timestamp at which the clock read offset: lines the slowest operations up with other samples.
    private static long GetTimestampAt(this Stopwatch clock, TimeSpan offset) =>
        Stopwatch.GetTimestamp() - (long)((clock.Elapsed - offset).TotalSeconds * Stopwatch.Frequency);
}
