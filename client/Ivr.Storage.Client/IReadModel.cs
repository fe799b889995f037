using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Listings, search and statistics answered from the read model (never the journal). Every answer carries the feed
/// position it reflects. Pass a write's <see cref="WriteResult.FeedPosition"/> as minimum position to read your own
/// write: the cluster waits briefly for the read model and otherwise fails with <see cref="StoreUnavailableException"/>.
/// Queries without a minimum position are retried like any read; with one they are not, because the cluster's wait
/// already is the retry (repeating it would only multiply the wait). A minimum position beyond the change feed's head
/// (no write was acknowledged with it) fails at once with <see cref="EntityValidationException"/> (field
/// <c>minPosition</c>). A query the database cancels after the silo's time limit fails with
/// <see cref="QueryTimeoutException"/>, which is not retried.
/// </summary>
public interface IReadModel
{
    /// <summary>One page of entities of <see cref="EntityListQuery.Type"/>; pass <see cref="EntityListPage.NextCursor"/> for the next.</summary>
    /// <exception cref="EntityValidationException">A bad type, page size, cursor (field <c>cursor</c>) or containment filter (malformed JSON).</exception>
    Task<EntityListPage> ListAsync(EntityListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Entities whose payload string values contain every word of <paramref name="text"/>, with facets by type and source.</summary>
    /// <exception cref="EntityValidationException">Empty or too long text (field <c>q</c>), a bad type or limit.</exception>
    Task<SearchResult> SearchAsync(string text, string? type = null, int limit = 20, FeedPosition? minPosition = null, CancellationToken cancellationToken = default);

    /// <summary>Live entities per type and versions per type, source and hour.</summary>
    Task<StoreStatistics> GetStatisticsAsync(FeedPosition? minPosition = null, CancellationToken cancellationToken = default);
}
