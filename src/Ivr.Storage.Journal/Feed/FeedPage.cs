using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.Feed;

/// <summary>
/// A page of the change feed as the journal reads it: the entries, where the next page starts (past rows of other
/// types too), and whether the page stopped at a bound (count, payload bytes or rows examined) rather than at the
/// feed's current end.
/// </summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, FeedPosition Next, bool HasMore);
