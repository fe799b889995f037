using System.Diagnostics;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// Runs <c>concurrency</c> callers in a closed loop for a fixed time (or operation count) and records every latency.
/// With a warm-up, the callers first run unmeasured for that long (JIT tiers, thread pools, connection pools and
/// caches settle), then the measured window opens; operations started before it are not counted.
/// </summary>
internal static class LoadRunner
{
    // operation is called with (caller index, sequence number of that caller's operation); sequence numbers run on
    // from the warm-up into the measured window, so no key is written twice. With a CPU meter the measurement also
    // carries the CPU time per operation of every process involved.
    public static async Task<Measurement> RunAsync(string name, int concurrency, TimeSpan duration, Func<int, long, Task> operation,
        long maxOperationsPerCaller = long.MaxValue, CpuMeter? cpu = null, TimeSpan warmUp = default)
    {
        var latencies = new List<double>[concurrency];
        var window = new MeasuredWindow();
        var opener = Task.Run(async () =>
        {
            if (warmUp > TimeSpan.Zero)
            {
                await Task.Delay(warmUp);
            }

            CpuSnapshot? cpuAtStart = null;
            try
            {
                cpuAtStart = cpu is null ? null : await cpu.SnapshotAsync();
            }
            finally
            {
                // Open even if the snapshot failed: the callers stop only once the window has opened and run its
                // length; the failure surfaces when the opener is awaited below.
                window.Open(cpuAtStart);
                // Progress on stderr (the table goes to stdout): a long run shows where it is, and a profiler can be
                // attached to the silo when the run of interest starts measuring.
                Console.Error.WriteLine($"measuring: {name} ({concurrency})");
            }
        });
        var callers = Enumerable.Range(0, concurrency).Select(async caller =>
        {
            // Leave the starting thread at once: 64 callers must not start on one thread of a 2-core pool.
            await Task.Yield();
            var mine = new List<double>(16 * 1024);
            latencies[caller] = mine;
            for (long sequence = 0; sequence < maxOperationsPerCaller && !window.IsOver(duration); sequence++)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(caller, sequence);
                if (window.Contains(started))
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }).ToArray();
        await Task.WhenAll(callers);
        await opener;
        var seconds = Stopwatch.GetElapsedTime(window.OpenedAt).TotalSeconds;
        CpuUsage? cpuUsed = cpu is null ? null : CpuMeter.Between(window.CpuAtOpen!, await cpu.SnapshotAsync());
        var all = new List<double>(latencies.Sum(l => l.Count));
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        var measurement = Measurement.FromLatencies(name, concurrency, seconds, all);
        if (cpuUsed is not { } used || all.Count == 0)
        {
            return measurement;
        }

        return measurement with
        {
            CpuMicrosecondsPerOperation = used.Total.TotalMicroseconds / all.Count,
            CpuSplitPerOperation = new CpuSplit(used.LoadGenerator.TotalMicroseconds / all.Count, used.Silo.TotalMicroseconds / all.Count, used.Database.TotalMicroseconds / all.Count),
        };
    }

    /// <summary>When measuring started (0 while warming up), shared by the callers.</summary>
    private sealed class MeasuredWindow
    {
        private long _openedAt;

        public long OpenedAt => Volatile.Read(ref _openedAt);

        public CpuSnapshot? CpuAtOpen { get; private set; }

        public void Open(CpuSnapshot? cpu)
        {
            CpuAtOpen = cpu;
            Volatile.Write(ref _openedAt, Stopwatch.GetTimestamp());
        }

        public bool Contains(long timestamp) => OpenedAt is var opened and > 0 && timestamp >= opened;

        public bool IsOver(TimeSpan duration) => OpenedAt is var opened and > 0 && Stopwatch.GetElapsedTime(opened) >= duration;
    }
}
