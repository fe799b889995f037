using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Carries committed versions from the silo's entity grains to their live change streams, a batch per stream at a
/// time. Each grain publishing its own event cost one stream-queue call per write (about a tenth of the silo's CPU
/// under W1); one loop per silo turns the versions committed meanwhile into one call per entity type. Order per
/// entity is kept: a grain hands its versions over in commit order, and the loop publishes in the order received.
/// Nothing here is durable, nor needs to be: the change feed is the source of truth, and a subscriber that misses
/// stream messages catches up from it.
/// </summary>
internal sealed partial class ChangePublisher(IServiceProvider services, IOptions<EntityGrainOptions> options, EntityMetrics metrics, ILogger<ChangePublisher> logger) : IDisposable
{
    // Bounded by count and by bytes (EntityStore:PublishQueueBytes) so that a stalled stream cannot take the silo's
    // memory; when full, newer versions are not published live (counted in ivr.entity.changes.dropped; subscribers
    // catch up from the feed).
    private const int Capacity = 64 * 1024;
    private const int MaxBatch = 512;

    private readonly ChangeQueue _queue = new(Capacity, options.Value.PublishQueueBytes);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private volatile Task? _loop;

    /// <summary>Queues a committed version for its entity type's stream; never blocks and never fails the write.</summary>
    public void Publish(FeedEntry committed)
    {
        EnsureRunning();
        if (!_queue.TryWrite(committed))
        {
            metrics.ChangeDropped(committed.Record.Key.Type);
        }
    }

    // The token source is cancelled, not disposed: a loop starting concurrently may still read its token.
    public void Dispose()
    {
        _queue.Complete();
        _stopping.Cancel();
    }

    // Started on first use: by then the silo runs (a grain committed), so the stream provider is there.
    private void EnsureRunning()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var provider = services.GetRequiredService<IClusterClient>().GetStreamProvider(ChangeStreams.ProviderName);
        var streams = new Dictionary<string, IAsyncStream<ChangeEvent>>(StringComparer.Ordinal);
        var batch = new List<FeedEntry>(MaxBatch);
        try
        {
            while (await _queue.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                // GroupBy keeps the order of the versions within each entity type.
                foreach (var group in batch.GroupBy(entry => entry.Record.Key.Type, StringComparer.Ordinal))
                {
                    if (!streams.TryGetValue(group.Key, out var stream))
                    {
                        stream = provider.GetStream<ChangeEvent>(StreamId.Create(group.Key, ChangeStreams.StreamKey));
                        streams[group.Key] = stream;
                    }

                    try
                    {
                        await stream.OnNextBatchAsync(group.Select(entry => entry.ToChangeEvent()).ToList()).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!stopping.IsCancellationRequested)
                    {
                        LogPublishFailed(logger, ex, group.Key);
                    }
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Silo stopping: what is still queued is in the feed.
        }
        catch (Exception ex)
        {
            // Not a failed publication (those are caught above) but the loop itself: let the next version start a new one.
            LogLoopFailed(logger, ex);
            lock (_gate)
            {
                _loop = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change-stream publisher stopped; the next committed version restarts it")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed versions of {EntityType} could not be published on the change stream; subscribers catch up from the feed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string entityType);
}
