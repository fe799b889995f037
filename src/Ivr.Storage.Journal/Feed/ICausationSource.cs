using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal.Feed;

/// <summary>Finds the versions a message caused: the journal rows whose causation id is the message's id.</summary>
public interface ICausationSource
{
    /// <summary>
    /// Up to <paramref name="limit"/> versions with causation id <paramref name="causationId"/> of the types
    /// <paramref name="types"/> selects (LIKE-style patterns as in <see cref="ChangeFeedFilter.Types"/>; null: every type),
    /// ordered by (type, id, version) and strictly after (<paramref name="afterKey"/>, <paramref name="afterVersion"/>)
    /// (null: from the first). Without payloads: a message causes few versions, and each is one key read away.
    /// </summary>
    Task<IReadOnlyList<FeedEntry>> ReadCausedAsync(
        string causationId,
        IReadOnlyList<string>? types,
        EntityKey? afterKey,
        long afterVersion,
        int limit,
        CancellationToken cancellationToken = default);
}
