using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// One way into the cluster for writes and current-state reads. Implementations never throw for what the cluster
/// answers or fails to answer: every outcome becomes a <see cref="WriteAnswer"/> or <see cref="ReadAnswer"/>, so
/// the checker judges both transports by the same rules.
/// </summary>
public interface IEntityCalls
{
    Task<WriteAnswer> WriteAsync(WriteRequest request);

    Task<ReadAnswer> ReadAsync(EntityKey key);
}
