using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Follows committed versions for a consumer: live events from the change stream for low latency, the change feed
/// for completeness. Each entity's versions are applied exactly once and in order: a stream event is applied only if
/// it is the entity's next version, anything else (a gap, a silo restart, a reordering) is settled by reading the
/// feed from the follower's checkpoint, which holds every committed version in order. The consumer subscribes to
/// <see cref="ChangeStreams"/> itself and hands each event to <see cref="OnStreamEventAsync"/>; it calls
/// <see cref="CatchUpAsync"/> now and then (on a timer of its own) to settle what the stream never delivered.
/// </summary>
/// <remarks>
/// No <c>ConfigureAwait(false)</c> here: the consumer's <c>apply</c> runs in the consumer's context, so a grain that
/// follows changes keeps its one-thread-at-a-time guarantee.
/// </remarks>
public sealed class ChangeFollower(IGrainFactory grains, Func<ChangeEvent, Task> apply, FeedPosition start)
{
    private readonly Dictionary<EntityKey, long> _applied = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FeedPosition _checkpoint = start;

    /// <summary>Everything up to here has been read from the feed (and applied where it was new).</summary>
    public FeedPosition Checkpoint => _checkpoint;

    /// <summary>The last version applied per entity.</summary>
    public IReadOnlyDictionary<EntityKey, long> Applied => _applied;

    /// <summary>Handles one live event from the change stream.</summary>
    public async Task OnStreamEventAsync(ChangeEvent change)
    {
        await _gate.WaitAsync();
        try
        {
            if (_applied.TryGetValue(change.Key, out var last) && change.Version == last + 1)
            {
                await ApplyAsync(change);
                return;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (!_applied.TryGetValue(change.Key, out var seen) || change.Version > seen)
        {
            await CatchUpAsync();
        }
    }

    /// <summary>Reads the feed from the checkpoint to its current end; returns how many versions were new.</summary>
    public async Task<int> CatchUpAsync(int pageSize = 500)
    {
        await _gate.WaitAsync();
        try
        {
            var applied = 0;
            var feed = grains.GetGrain<IChangeFeedGrain>(0);
            while (true)
            {
                var page = await feed.Read(_checkpoint, pageSize);
                foreach (var change in page.Changes)
                {
                    // The feed holds every version in order, so anything not yet applied is exactly the next one.
                    if (!_applied.TryGetValue(change.Key, out var last) || change.Version > last)
                    {
                        await ApplyAsync(change);
                        applied++;
                    }
                }

                _checkpoint = page.Next;
                // A page cut short by the silo's byte bound has fewer changes than asked for, yet more follow at once.
                if (!page.HasMore && page.Changes.Count < pageSize)
                {
                    return applied;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyAsync(ChangeEvent change)
    {
        await apply(change);
        _applied[change.Key] = change.Version;
    }
}
