using System.Collections.Concurrent;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

public sealed partial class EntityWorkload
{
    private readonly ConcurrentQueue<HistoryPageObservation> _historyPages = new();
    private long _historyFailures;
    private string? _firstHistoryError;

    /// <summary>The history pages readers were shown.</summary>
    public IReadOnlyList<HistoryPageObservation> HistoryPages => [.. _historyPages];

    public long HistoryFailures => Interlocked.Read(ref _historyFailures);

    /// <summary>What the first failed history read was answered, for reports; null when none failed.</summary>
    public string? FirstHistoryError => Volatile.Read(ref _firstHistoryError);

    /// <summary>
    /// Reads and records the first page of <paramref name="key"/>'s history, oldest or newest first at random (oldest
    /// first shows the versions a restarted activation reads back, newest first those it wrote last); false when the
    /// call failed or the entity does not exist yet.
    /// </summary>
    private async Task<bool> ReadHistoryAsync(EntityKey key, Transport transport)
    {
        var answer = await _calls[transport].ReadHistoryAsync(key, newestFirst: Random.Shared.Next(2) == 0, _options.HistoryPageSize);
        if (answer.Page is { } page)
        {
            _historyPages.Enqueue(page);
            return true;
        }

        if (answer.Error is not null)
        {
            Interlocked.Increment(ref _historyFailures);
            Interlocked.CompareExchange(ref _firstHistoryError, $"{transport} {answer.Error}", null);
        }

        return false;
    }
}
