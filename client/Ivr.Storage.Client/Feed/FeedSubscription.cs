using System.Runtime.CompilerServices;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Consumes the change feed under a durable subscription name: resumes from the stored checkpoint, then follows
/// live (polling the feed when it has caught up). A change counts as processed once the consumer asks for the next
/// one; the checkpoint is committed every <c>checkpointEvery</c> changes and whenever the feed runs dry, so a crash
/// redelivers at most that many changes. Order is the feed's, hence per entity the version order.
/// <see cref="IChangeFeed.SubscribeAsync"/> is the same through the client's facade. Like <see cref="ChangeFollower"/>,
/// it continues in the consumer's context.
/// </summary>
public static class FeedSubscription
{
    /// <summary>How long a caught-up subscription waits before it reads the feed again, unless told otherwise.</summary>
    public static readonly TimeSpan DefaultIdlePoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The changes after the subscription's checkpoint, then live ones, until <paramref name="cancellationToken"/> is
    /// cancelled. The wait between polls of a caught-up feed (<paramref name="idlePoll"/>, default
    /// <see cref="DefaultIdlePoll"/>) runs on <paramref name="timeProvider"/> (default: the system clock).
    /// </summary>
    public static async IAsyncEnumerable<ChangeEvent> FollowAsync(
        IGrainFactory grains,
        string name,
        int checkpointEvery = 100,
        TimeSpan? idlePoll = null,
        TimeProvider? timeProvider = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var subscription = grains.GetGrain<ISubscriptionGrain>(name);
        var feed = grains.GetGrain<IChangeFeedGrain>(0);
        var position = await subscription.GetCheckpoint();
        var uncommitted = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = await feed.Read(position, Math.Min(IChangeFeedGrain.MaxPageSize, Math.Max(checkpointEvery, 1)));
            foreach (var change in page.Changes)
            {
                yield return change;
                position = change.Position;
                if (++uncommitted >= checkpointEvery)
                {
                    await subscription.Commit(position);
                    uncommitted = 0;
                }
            }

            if (page.Changes.Count == 0)
            {
                if (uncommitted > 0)
                {
                    await subscription.Commit(position);
                    uncommitted = 0;
                }

                await Task.Delay(idlePoll ?? DefaultIdlePoll, timeProvider ?? TimeProvider.System, cancellationToken);
            }
        }
    }
}
