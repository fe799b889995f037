using System.Runtime;
using Ivr.Storage.Contracts;
using Npgsql;
using Orleans.Core.Internal;

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

    public async Task<int> CollectActivations()
    {
        // Made from inside the silo, so the call speaks as the silo (the bench's caller has no rule for the management grain).
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        return await management.GetTotalActivationCount();
    }

    public Task ClearConnectionPools()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    // The projection grain's timer keeps it alive; deactivating it is the only way to stop it (ReadModel:Enabled is
    // false in the bench silo, so no keeper starts it again).
    public Task StopProjection() =>
        GrainFactory.GetGrain<IProjectionGrain>(IProjectionGrain.CurrentState).AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask();

    // Called from inside the silo for the same reason as CollectActivations: the bench's caller has no rule for the log's grain.
    public Task StartAuditLog() => GrainFactory.GetGrain<IAuditLogGrain>(IAuditLogGrain.Journal).EnsureRunning();

    public Task StopAuditLog() =>
        GrainFactory.GetGrain<IAuditLogGrain>(IAuditLogGrain.Journal).AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask();

    public Task<RuntimeSample> SampleRuntime() => Task.FromResult(RuntimeSample.Now());
}
