namespace Ivr.Storage.Contracts;

/// <summary>
/// A page of the change feed. A page stops at its limit of changes, at the silo's byte bound on payloads
/// (<c>Journal:MaxPagePayloadBytes</c>, 8 MiB by default; a page always holds at least one change, so a single large
/// payload still pages) or, when filtered by type, at the most rows the database examines for one page
/// (<c>Journal:FeedScanLimit</c>). Resume after <see cref="Next"/>: it continues exactly after what this page covered.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.ChangePage")]
public sealed record ChangePage
{
    /// <summary>Changes after the requested position, in feed order.</summary>
    [Id(0)] public required IReadOnlyList<ChangeEvent> Changes { get; init; }

    /// <summary>
    /// Resume after this position: the last change's when the page stopped at a bound, else the last row the page
    /// examined (rows of types not asked for included), or the requested position when there was none.
    /// </summary>
    [Id(1)] public required FeedPosition Next { get; init; }

    /// <summary>
    /// True when the page stopped at a bound (changes, bytes or rows examined), so more may follow at once; false when
    /// it reached the feed's current end (then poll). Silos before this field always answer false: treat a page holding
    /// as many changes as asked for as one that may have more.
    /// </summary>
    [Id(2)] public bool HasMore { get; init; }
}
