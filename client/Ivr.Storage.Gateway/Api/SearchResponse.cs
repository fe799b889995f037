namespace Ivr.Storage.Gateway.Api;

/// <summary>Search matches with facets (counts of all matches, not only this page) and the read model position they reflect.</summary>
internal sealed record SearchResponse(
    IReadOnlyList<ReadModelEntityResponse> Items,
    IReadOnlyDictionary<string, long> ByType,
    IReadOnlyDictionary<string, long> BySource,
    string Position);
