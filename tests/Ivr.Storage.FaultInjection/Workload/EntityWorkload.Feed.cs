using System.Collections.Concurrent;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

public sealed partial class EntityWorkload
{
    private readonly ConcurrentQueue<FeedObservation> _followed = new();
    private readonly ConcurrentDictionary<Transport, int> _feedPages = new();
    private readonly ConcurrentDictionary<Transport, int> _feedFailures = new();
    private string? _firstFeedError;

    /// <summary>The changes of <see cref="EntityType"/> the followers were shown, each follower's in the order it saw them.</summary>
    public IReadOnlyList<FeedObservation> FollowedChanges => [.. _followed];

    /// <summary>Pages each transport's follower read.</summary>
    public IReadOnlyDictionary<Transport, int> FeedPages => _feedPages;

    /// <summary>Reads of each transport's follower that failed (and were retried from the same cursor).</summary>
    public IReadOnlyDictionary<Transport, int> FeedFailures => _feedFailures;

    /// <summary>What the first failed feed read was answered, for reports; null when none failed.</summary>
    public string? FirstFeedError => Volatile.Read(ref _firstFeedError);

    /// <summary>
    /// One follower per transport, all from the horizon when the load starts: they see what this run commits, not the
    /// journal of every earlier scenario (from <see cref="FeedPosition.Start"/> only if the cluster cannot say).
    /// </summary>
    private async Task FollowFeedAsync(CancellationToken stop)
    {
        var start = await _clientCalls.ReadHorizonAsync() ?? FeedPosition.Start;
        await Task.WhenAll(Transports.Select(transport => Task.Run(() => FollowAsync(transport, start, stop), CancellationToken.None)));
    }

    /// <summary>
    /// Reads page after page from the cursor and records every change of this workload's entity type. A failed read
    /// (the fault under way) is counted and retried from the same cursor after a back-off; a page that was not full
    /// means the follower caught up, so it polls again a little later.
    /// </summary>
    private async Task FollowAsync(Transport transport, FeedPosition start, CancellationToken stop)
    {
        var cursor = start;
        for (var i = 0; i < _options.MaxOperationsPerWorker && !stop.IsCancellationRequested; i++)
        {
            var answer = await _calls[transport].ReadChangesAsync(cursor, _options.FeedPageSize);
            if (answer.Changes is not { } changes)
            {
                _feedFailures.AddOrUpdate(transport, 1, (_, count) => count + 1);
                Interlocked.CompareExchange(ref _firstFeedError, $"{transport} {answer.Error}", null);
                await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
                continue;
            }

            _feedPages.AddOrUpdate(transport, 1, (_, count) => count + 1);
            foreach (var change in changes.Where(c => c.Key.Type == EntityType))
            {
                _followed.Enqueue(change);
            }

            cursor = answer.Next;
            if (changes.Count < _options.FeedPageSize)
            {
                await Task.Delay(_options.FeedPollInterval, CancellationToken.None);
            }
        }
    }
}
