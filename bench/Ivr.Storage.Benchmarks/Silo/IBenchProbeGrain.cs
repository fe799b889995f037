namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>
/// Bench-only: the trivial grain call of baseline A1, the silo's managed memory for M1, and the levers and gauges a
/// drained start and the stall watch need (activation collection, the projection's stop, runtime counters).
/// </summary>
public interface IBenchProbeGrain : IGrainWithIntegerKey
{
    Task Ping();

    /// <summary>Managed heap after a full, compacting collection, in bytes.</summary>
    Task<long> CollectAndMeasureHeap();

    /// <summary>Deactivates every idle activation (earlier scenarios' entities); returns how many activations remain.</summary>
    Task<int> CollectActivations();

    /// <summary>Closes the idle connections of the silo's connection-string pools (the ADO.NET storage baseline's).</summary>
    Task ClearConnectionPools();

    /// <summary>Deactivates the read-model projection grain; nothing starts it again until someone calls it.</summary>
    Task StopProjection();

    /// <summary>Starts the transparency log's writer (configured, not enabled, in the bench silo).</summary>
    Task StartAuditLog();

    /// <summary>Deactivates the transparency log's writer; nothing starts it again until <see cref="StartAuditLog"/>.</summary>
    Task StopAuditLog();

    /// <summary>The silo process's garbage collector and thread pool counters now.</summary>
    Task<RuntimeSample> SampleRuntime();
}
