using System.Diagnostics;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Runs <c>concurrency</c> callers in a closed loop for a fixed time (or operation count) and records every latency.</summary>
internal static class LoadRunner
{
    // operation is called with (caller index, sequence number of that caller's operation). With a CPU meter the
    // measurement also carries the CPU time per operation of every process involved.
    public static async Task<Measurement> RunAsync(string name, int concurrency, TimeSpan duration, Func<int, long, Task> operation, long maxOperationsPerCaller = long.MaxValue, CpuMeter? cpu = null)
    {
        var latencies = new List<double>[concurrency];
        var cpuAtStart = cpu is null ? null : await cpu.SnapshotAsync();
        var clock = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, concurrency).Select(async caller =>
        {
            // Leave the starting thread at once: 64 callers must not start on one thread of a 2-core pool.
            await Task.Yield();
            var mine = new List<double>(16 * 1024);
            latencies[caller] = mine;
            for (long sequence = 0; sequence < maxOperationsPerCaller && clock.Elapsed < duration; sequence++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(caller, sequence);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }).ToArray();
        await Task.WhenAll(callers);
        var seconds = clock.Elapsed.TotalSeconds;
        TimeSpan? cpuUsed = cpu is null ? null : CpuMeter.Between(cpuAtStart!, await cpu.SnapshotAsync());
        var all = new List<double>(latencies.Sum(l => l.Count));
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        var measurement = Measurement.FromLatencies(name, concurrency, seconds, all);
        return cpuUsed is { } used && all.Count > 0 ? measurement with { CpuMicrosecondsPerOperation = used.TotalMicroseconds / all.Count } : measurement;
    }
}
