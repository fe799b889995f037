using System.Runtime;

namespace Ivr.Storage.Benchmarks.Silo;

internal sealed class BenchProbeGrain : Grain, IBenchProbeGrain
{
    public Task Ping() => Task.CompletedTask;

    public Task<long> CollectAndMeasureHeap()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Task.FromResult(GC.GetTotalMemory(forceFullCollection: true));
    }
}
