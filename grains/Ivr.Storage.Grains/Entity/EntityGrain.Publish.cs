using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    /// <summary>
    /// Hands a committed version to the silo's <see cref="ChangePublisher"/> for live subscribers. The write is already
    /// durable and acknowledged by the journal; a slow or failed stream must not delay or fail it.
    /// </summary>
    private void Publish(JournalRecord written, FeedPosition position)
    {
        if (_options.PublishChanges)
        {
            publisher.Publish(new FeedEntry(written, position));
        }
    }
}
