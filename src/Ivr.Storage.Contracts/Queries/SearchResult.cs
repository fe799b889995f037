namespace Ivr.Storage.Contracts;

/// <summary>Full-text search over payload string values, with facets by type and source.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SearchResult")]
public sealed record SearchResult
{
    [Id(0)] public required IReadOnlyList<ReadModelEntity> Items { get; init; }

    /// <summary>Matches per entity type (all matches, not only this page, up to the silo's facet limits).</summary>
    [Id(1)] public required IReadOnlyDictionary<string, long> ByType { get; init; }

    /// <summary>Matches per source.</summary>
    [Id(2)] public required IReadOnlyDictionary<string, long> BySource { get; init; }

    [Id(3)] public required FeedPosition Position { get; init; }

    /// <summary>
    /// The facets are cut short: only the first <c>ReadModel:MaxFacetRows</c> matches were counted (counts are lower
    /// bounds) or a facet had more than <c>ReadModel:MaxFacetValues</c> values (the rarest are left out).
    /// </summary>
    [Id(4)] public bool FacetsTruncated { get; init; }
}
