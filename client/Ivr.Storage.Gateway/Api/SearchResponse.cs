namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// Search matches with facets (counts of all matches, not only this page) and the read model position they reflect.
/// <c>FacetsTruncated</c>: the silo counted only its first <c>ReadModel:MaxFacetRows</c> matches (counts are lower
/// bounds) or left out the rarest values beyond <c>ReadModel:MaxFacetValues</c>.
/// </summary>
internal sealed record SearchResponse(
    IReadOnlyList<ReadModelEntityResponse> Items,
    IReadOnlyDictionary<string, long> ByType,
    IReadOnlyDictionary<string, long> BySource,
    string Position,
    bool FacetsTruncated);
