namespace Ivr.Storage.Contracts;

/// <summary>
/// The versions, of any entity, whose provenance carries one correlation id: newest first (journal insert order),
/// keyset-paged, without payloads. Answered from the journal through a partial index (migration 0012).
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.CorrelationQuery")]
public sealed record CorrelationQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The correlation id, as written (1 to <see cref="Provenance.MaxFieldLength"/> characters).</summary>
    [Id(0)] public required string CorrelationId { get; init; }

    /// <summary>
    /// Entity types to return, each a type or a prefix ending in <c>*</c> as in <see cref="ChangeFeedFilter.Types"/>;
    /// null, the default, is every type; an empty list matches nothing. The filter runs in the database, so a page is
    /// never short because of it. At most <see cref="ChangeFeedFilter.MaxTypes"/>.
    /// </summary>
    [Id(1)] public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Page size, 1 to <see cref="MaxPageSize"/>; default 50.</summary>
    [Id(2)] public int PageSize { get; init; } = 50;

    /// <summary>The previous page's <see cref="CorrelatedVersionsPage.NextCursor"/>; null for the first page.</summary>
    [Id(3)] public string? Cursor { get; init; }
}
