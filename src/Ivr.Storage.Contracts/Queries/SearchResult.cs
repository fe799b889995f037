namespace Ivr.Storage.Contracts;

/// <summary>Full-text search over payload string values, with facets by type and source.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SearchResult")]
public sealed record SearchResult
{
    [Id(0)] public required IReadOnlyList<ReadModelEntity> Items { get; init; }

    /// <summary>Matches per entity type (all matches, not only this page).</summary>
    [Id(1)] public required IReadOnlyDictionary<string, long> ByType { get; init; }

    /// <summary>Matches per source.</summary>
    [Id(2)] public required IReadOnlyDictionary<string, long> BySource { get; init; }

    [Id(3)] public required FeedPosition Position { get; init; }
}
