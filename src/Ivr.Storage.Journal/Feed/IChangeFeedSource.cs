using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.Feed;

/// <summary>Reads committed journal rows in feed order.</summary>
public interface IChangeFeedSource
{
    /// <summary>
    /// Up to <paramref name="limit"/> rows after <paramref name="after"/>, all below the running-transaction horizon,
    /// with payloads; fewer when their payloads reach <see cref="JournalOptions.MaxPagePayloadBytes"/> (at least one).
    /// Resume after the last entry; an empty list means the feed's current end.
    /// </summary>
    Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> rows after <paramref name="after"/> that <paramref name="filter"/> selects, below
    /// the running-transaction horizon, examining at most <see cref="JournalOptions.FeedScanLimit"/> rows and carrying at
    /// most <see cref="JournalOptions.MaxPagePayloadBytes"/> of payloads (at least one entry). Resume after
    /// <see cref="FeedPage.Next"/>.
    /// </summary>
    Task<FeedPage> ReadAsync(FeedPosition after, int limit, ChangeFeedFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// A position before every change not yet visible to the feed: start here to follow only what commits from now on.
    /// </summary>
    Task<FeedPosition> ReadHorizonAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The position of the newest committed row (<see cref="FeedPosition.Start"/> for an empty journal), which may
    /// still be above the horizon: no write was ever acknowledged with a position beyond it.
    /// </summary>
    Task<FeedPosition> ReadHeadAsync(CancellationToken cancellationToken = default);
}
