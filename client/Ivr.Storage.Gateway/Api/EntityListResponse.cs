namespace Ivr.Storage.Gateway.Api;

/// <summary>A page of a listing; <see cref="Next"/> is the following page's URL (null on the last), <see cref="Position"/> what the page reflects.</summary>
internal sealed record EntityListResponse(string Type, IReadOnlyList<ReadModelEntityResponse> Items, string? NextCursor, string? Next, string Position);
