namespace Ivr.Storage.Gateway.Api;

/// <summary>One page of versions carrying <see cref="CorrelationId"/>; <see cref="Next"/> is the following page's URL, null on the last.</summary>
internal sealed record CorrelatedVersionsResponse(string CorrelationId, IReadOnlyList<VersionResponse> Items, string? NextCursor, string? Next);
