using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    private IAsyncStream<ChangeEvent>? _changes;

    /// <summary>
    /// Publishes a committed version to live subscribers. Not awaited: the write is already durable and acknowledged
    /// by the journal, and a slow or failed stream must not delay or fail it. Subscribers that miss an event catch up
    /// from the change feed.
    /// </summary>
    private void Publish(JournalRecord written, FeedPosition position)
    {
        if (!_options.PublishChanges)
        {
            return;
        }

        _changes ??= this.GetStreamProvider(ChangeStreams.ProviderName).GetStream<ChangeEvent>(StreamId.Create(_key.Type, ChangeStreams.StreamKey));
        var change = new FeedEntry(written, position).ToChangeEvent();
        _changes.OnNextAsync(change).ContinueWith(
            static (task, state) => LogPublishFailed((ILogger)state!, task.Exception!.GetBaseException()),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A committed version could not be published on its change stream; subscribers catch up from the feed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
