namespace Ivr.Storage.Gateway.Api;

/// <summary>One page of history; <see cref="Next"/> is the URL of the following page, null on the last.</summary>
internal sealed record HistoryResponse(IReadOnlyList<VersionResponse> Items, string? NextCursor, string? Next);
