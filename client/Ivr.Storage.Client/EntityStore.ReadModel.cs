using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore
{
    private IReadModelQueryGrain Queries => _grains.GetGrain<IReadModelQueryGrain>(0);

    /// <inheritdoc />
    public Task<EntityListPage> ListAsync(EntityListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CallAsync(Queries, retrySafe: query.MinPosition is null, grain => grain.List(query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SearchResult> SearchAsync(string text, string? type = null, int limit = 20, FeedPosition? minPosition = null, CancellationToken cancellationToken = default) =>
        CallAsync(Queries, retrySafe: minPosition is null, grain => grain.Search(text, type, limit, minPosition), cancellationToken);

    /// <inheritdoc />
    public Task<StoreStatistics> GetStatisticsAsync(FeedPosition? minPosition = null, CancellationToken cancellationToken = default) =>
        CallAsync(Queries, retrySafe: minPosition is null, grain => grain.Statistics(minPosition), cancellationToken);
}
