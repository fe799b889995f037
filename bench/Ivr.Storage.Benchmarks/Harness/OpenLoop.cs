using System.Diagnostics;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Issues operations at a fixed rate whatever their latency (open loop), so a slow response does not hide behind a
/// lower request rate, and records each operation's latency.
/// </summary>
internal static class OpenLoop
{
    public static async Task<Measurement> RunAsync(string name, double perSecond, TimeSpan duration, Func<long, Task> operation)
    {
        var latencies = new List<double>();
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        long issued = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (clock.Elapsed < duration && await tick.WaitForNextTickAsync())
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; issued < due; issued++)
            {
                pending.Add(TimeAsync(operation, issued, latencies));
            }
        }

        await Task.WhenAll(pending);
        var seconds = clock.Elapsed.TotalSeconds;
        lock (latencies)
        {
            return Measurement.FromLatencies(name, 0, seconds, latencies);
        }
    }

    private static async Task TimeAsync(Func<long, Task> operation, long sequence, List<double> latencies)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        await operation(sequence);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (latencies)
        {
            latencies.Add(elapsed);
        }
    }
}
