using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>
/// Queries for analytics and listings, answered only from the read model (schema <c>ivr_read</c>), so reports never
/// load the journal. Every answer carries the feed position it reflects. A stateless worker on every silo.
/// </summary>
[Alias("ivr.IReadModelQueryGrain")]
public interface IReadModelQueryGrain : IGrainWithIntegerKey
{
    [Alias("list"), ReadOnly]
    Task<EntityListPage> List(EntityListQuery query);

    /// <summary>Entities whose payload string values match all words of <paramref name="text"/>.</summary>
    [Alias("search"), ReadOnly]
    Task<SearchResult> Search(string text, string? type, int limit, FeedPosition? minPosition);

    [Alias("statistics"), ReadOnly]
    Task<StoreStatistics> Statistics(FeedPosition? minPosition);
}
