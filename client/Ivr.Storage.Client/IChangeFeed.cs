using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// The change feed: every committed version, in (transaction, position) order, as CloudEvents-style
/// <see cref="ChangeEvent"/>s. Errors are typed as in <see cref="IEntityStore"/>; page reads are retried like any read.
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// Up to <paramref name="limit"/> changes committed after <paramref name="after"/> (1 to
    /// <see cref="IChangeFeedGrain.MaxPageSize"/>); resume after <see cref="ChangePage.Next"/>.
    /// </summary>
    /// <exception cref="EntityValidationException"><paramref name="limit"/> is out of range.</exception>
    Task<ChangePage> ReadAsync(FeedPosition after, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> changes committed after <paramref name="after"/> that <paramref name="filter"/>
    /// selects (by type, in the database; with or without payloads). <see cref="ChangePage.Next"/> moves past the rows
    /// left out, so resume after it, and read again at once while <see cref="ChangePage.HasMore"/>.
    /// </summary>
    /// <exception cref="EntityValidationException"><paramref name="limit"/> is out of range or a type pattern is invalid.</exception>
    Task<ChangePage> ReadAsync(FeedPosition after, int limit, ChangeFeedFilter filter, CancellationToken cancellationToken = default);

    /// <summary>A position before every change not yet visible: follow from here to see only what commits from now on.</summary>
    Task<FeedPosition> GetHorizonAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the feed without a checkpoint: the changes after <paramref name="after"/> (from now, i.e. the horizon,
    /// when null), then live ones, polling every <paramref name="pollInterval"/> (default 200 ms) once caught up. Ends
    /// only when <paramref name="cancellationToken"/> is cancelled (with <see cref="OperationCanceledException"/>) or
    /// with <see cref="StoreUnavailableException"/> after the retries of one page read; resume after the last
    /// change's <see cref="ChangeEvent.Position"/>.
    /// </summary>
    IAsyncEnumerable<ChangeEvent> FollowAsync(FeedPosition? after = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="FollowAsync(FeedPosition?, TimeSpan?, CancellationToken)"/>, only the changes <paramref name="filter"/>
    /// selects. Rows of other types are skipped in the database and never examined twice.
    /// </summary>
    IAsyncEnumerable<ChangeEvent> FollowAsync(ChangeFeedFilter filter, FeedPosition? after = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Consumes the feed under the durable subscription <paramref name="name"/> (<see cref="FeedSubscription.FollowAsync"/>):
    /// starts at the subscription's checkpoint (the feed's start for a new name), follows live, and commits the checkpoint
    /// every <paramref name="checkpointEvery"/> changes and whenever the feed runs dry. Delivery is at-least-once: after a
    /// crash, or a <see cref="StoreUnavailableException"/> that ends the enumeration, subscribing again redelivers at most
    /// <paramref name="checkpointEvery"/> changes. A change counts as processed once the consumer asks for the next one.
    /// </summary>
    IAsyncEnumerable<ChangeEvent> SubscribeAsync(string name, int checkpointEvery = 100, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);
}
