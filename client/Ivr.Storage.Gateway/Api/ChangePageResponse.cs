namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// A page of the change feed, filtered to the types the caller may read. <see cref="Next"/> is where to resume
/// (<c>?after=</c>): it passes the changes filtered out too, so a page may be empty and still move on.
/// <see cref="HasMore"/> says the page stopped at a bound (its limit, the payload byte bound or the rows examined for a
/// filter): ask again at once. False: the feed's current end, so poll.
/// </summary>
internal sealed record ChangePageResponse(IReadOnlyList<ChangeEventResponse> Changes, string Next, bool HasMore);
