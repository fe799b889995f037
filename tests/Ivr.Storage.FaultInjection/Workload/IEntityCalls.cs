using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// One way into the cluster for writes, current-state reads, history pages and change-feed pages. Implementations
/// never throw for what the cluster answers or fails to answer: every outcome becomes an answer record, so the
/// checker judges both transports by the same rules.
/// </summary>
public interface IEntityCalls
{
    Task<WriteAnswer> WriteAsync(WriteRequest request);

    Task<ReadAnswer> ReadAsync(EntityKey key);

    /// <summary>The first page of <paramref name="key"/>'s history, metadata and hashes only.</summary>
    Task<HistoryAnswer> ReadHistoryAsync(EntityKey key, bool newestFirst, int pageSize);

    /// <summary>Up to <paramref name="limit"/> changes of the feed after <paramref name="after"/>.</summary>
    Task<FeedPageAnswer> ReadChangesAsync(FeedPosition after, int limit);
}
