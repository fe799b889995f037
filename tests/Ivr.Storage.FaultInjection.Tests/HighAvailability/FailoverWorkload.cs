using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// Writers (one entity each) appending hashed versions through one journal while a fault happens, and a reader of the
/// feed (bounded by the synchronous standby) beside them. A write that fails has an unknown outcome: the writer reloads
/// its entity's head and continues from what the database holds, as a grain does. Records what was acknowledged, what
/// the feed showed and when writes succeeded, for <see cref="FailoverVerdict"/>.
/// </summary>
internal sealed class FailoverWorkload(PostgresEntityJournal journal, int writers)
{
    private readonly ConcurrentBag<JournalRecord> _acknowledged = [];
    private readonly ConcurrentBag<FeedEntry> _shown = [];
    private readonly ConcurrentBag<long> _ackTimestamps = [];
    private int _failures;

    public string Type { get; } = "ha-failover-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyCollection<JournalRecord> Acknowledged => _acknowledged;

    public IReadOnlyCollection<FeedEntry> Shown => _shown;

    public int Failures => _failures;

    /// <summary>Acknowledgement times (Stopwatch timestamps).</summary>
    public IReadOnlyCollection<long> AckTimestamps => _ackTimestamps;

    public async Task RunAsync(FeedPosition start, CancellationToken stop)
    {
        var writing = Enumerable.Range(0, writers).Select(i => Task.Run(() => WriteAsync(EntityKey.Create(Type, $"w{i}"), stop))).ToArray();
        var reading = Task.Run(() => FollowFeedAsync(start, stop));
        await Task.WhenAll(writing).ConfigureAwait(false);
        await reading.ConfigureAwait(false);
    }

    private async Task WriteAsync(EntityKey key, CancellationToken stop)
    {
        JournalRecord? head = null;
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var next = TestChains.Next(key, head, $$"""{"n":{{++n}}}""");
            try
            {
                if (await journal.AppendAsync(next).ConfigureAwait(false) is AppendOutcome.Committed)
                {
                    _acknowledged.Add(next);
                    _ackTimestamps.Add(Stopwatch.GetTimestamp());
                    head = next;
                    continue;
                }
            }
            catch (StoreUnavailableException)
            {
                Interlocked.Increment(ref _failures);
            }

            head = await ReloadAsync(key, stop).ConfigureAwait(false) ?? head;
        }
    }

    /// <summary>The entity's newest version as the database holds it now; null when stopped before it answered.</summary>
    private async Task<JournalRecord?> ReloadAsync(EntityKey key, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = await journal.ReadPageAsync(key, long.MaxValue, 1, descending: true, includePayloads: true, stop).ConfigureAwait(false);
                return page.Records.Count == 0 ? null : page.Records[0];
            }
            catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
            {
                // No primary yet: Npgsql finds the promoted one once it answers; the retry paces itself.
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return null;
    }

    private async Task FollowFeedAsync(FeedPosition cursor, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var page = await journal.ReadAsync(cursor, 500).ConfigureAwait(false);
                foreach (var entry in page.Where(e => e.Record.Key.Type == Type))
                {
                    _shown.Add(entry);
                }

                cursor = page.Count > 0 ? page[^1].Position : cursor;
                if (page.Count == 0)
                {
                    await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (StoreUnavailableException)
            {
                await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
