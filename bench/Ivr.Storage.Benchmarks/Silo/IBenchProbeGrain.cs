namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>Bench-only: the trivial grain call of baseline A1, and the silo's managed memory for M1.</summary>
public interface IBenchProbeGrain : IGrainWithIntegerKey
{
    Task Ping();

    /// <summary>Managed heap after a full, compacting collection, in bytes.</summary>
    Task<long> CollectAndMeasureHeap();
}
