using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.Feed;

/// <summary>Reads committed journal rows in feed order.</summary>
public interface IChangeFeedSource
{
    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="after"/>, all below the running-transaction horizon.</summary>
    Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int limit, CancellationToken cancellationToken = default);

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
