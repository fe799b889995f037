using System.Diagnostics;
using System.Runtime;

namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>A process's garbage collector and thread pool counters at one moment (cumulative counters: compare two samples).</summary>
[GenerateSerializer, Immutable]
public sealed record RuntimeSample
{
    /// <summary>Total time the runtime was paused for garbage collection since the process started, ms.</summary>
    [Id(0)] public double GcPauseMs { get; init; }

    [Id(1)] public int Gen0 { get; init; }

    [Id(2)] public int Gen1 { get; init; }

    [Id(3)] public int Gen2 { get; init; }

    /// <summary>Longest pause of the most recent collection, ms.</summary>
    [Id(4)] public double LastPauseMs { get; init; }

    [Id(5)] public int ThreadPoolThreads { get; init; }

    /// <summary>Work items queued and not yet started: a growing queue is a starved pool.</summary>
    [Id(6)] public long ThreadPoolQueued { get; init; }

    [Id(7)] public long ProcessMemoryBytes { get; init; }

    public static RuntimeSample Now()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        var pauses = last.PauseDurations;
        var lastPause = TimeSpan.Zero;
        foreach (var pause in pauses)
        {
            lastPause = pause > lastPause ? pause : lastPause;
        }

        using var process = Process.GetCurrentProcess();
        return new RuntimeSample
        {
            GcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
            Gen0 = GC.CollectionCount(0),
            Gen1 = GC.CollectionCount(1),
            Gen2 = GC.CollectionCount(2),
            LastPauseMs = lastPause.TotalMilliseconds,
            ThreadPoolThreads = ThreadPool.ThreadCount,
            ThreadPoolQueued = ThreadPool.PendingWorkItemCount,
            ProcessMemoryBytes = process.WorkingSet64,
        };
    }

    /// <summary>Whether this process runs the server garbage collector (the silo and the harness both should).</summary>
    public static bool ServerGc => GCSettings.IsServerGC;
}
