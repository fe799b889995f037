using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// The versions, of any entity, that carry one correlation id (<see cref="Provenance.CorrelationId"/>): what else
/// one request or conversation wrote. Newest first, keyset-paged, metadata and provenance only (read a payload with
/// <see cref="IEntityStore.GetVersionAsync"/>).
/// </summary>
public interface ICorrelationReader
{
    /// <summary>One page; pass <see cref="CorrelatedVersionsPage.NextCursor"/> as the next query's cursor.</summary>
    /// <exception cref="EntityValidationException">An empty or too long correlation id, a page size outside 1..<see cref="CorrelationQuery.MaxPageSize"/>, a bad cursor or type pattern.</exception>
    /// <exception cref="AccessDeniedException">The caller may not read every type the query names (or, naming none, every type).</exception>
    Task<CorrelatedVersionsPage> FindByCorrelationAsync(CorrelationQuery query, CancellationToken cancellationToken = default);
}
