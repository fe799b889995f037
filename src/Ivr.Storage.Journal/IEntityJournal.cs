using Ivr.Storage.Contracts;

namespace Ivr.Storage.Journal;

/// <summary>The entity journal: appends through group commit, reads by key.</summary>
public interface IEntityJournal
{
    /// <summary>Appends one version. Returns only after PostgreSQL committed it or refused it.</summary>
    /// <exception cref="StoreUnavailableException">
    /// The database failed or the outcome is unknown; or the group-commit queue is full (<see cref="JournalOptions.MaxQueuedAppends"/>,
    /// <see cref="JournalOptions.MaxQueuedBytes"/>), and the append was not attempted.
    /// </exception>
    Task<AppendOutcome> AppendAsync(JournalRecord record, CancellationToken cancellationToken = default);

    /// <summary>The latest version and the creation time, in one round trip that reads one row per probe; null if never written.</summary>
    Task<JournalHead?> ReadHeadAsync(EntityKey key, CancellationToken cancellationToken = default);

    Task<JournalRecord?> ReadVersionAsync(EntityKey key, long version, CancellationToken cancellationToken = default);

    /// <summary>The latest version committed at or before <paramref name="asOf"/>.</summary>
    Task<JournalRecord?> ReadAsOfAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    Task<JournalRecord?> FindByIdempotencyKeyAsync(EntityKey key, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Versions strictly after (ascending) or before (descending) <paramref name="cursorVersion"/>, at most
    /// <paramref name="limit"/>; with payloads, fewer when their payloads reach <see cref="JournalOptions.MaxPagePayloadBytes"/>
    /// (<see cref="JournalPage.ReachedByteBound"/>), but always at least one when there is one.
    /// </summary>
    Task<JournalPage> ReadPageAsync(EntityKey key, long cursorVersion, int limit, bool descending, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ReadPageAsync"/> for a reader that may only see versions up to <paramref name="acknowledgedHead"/> (the
    /// head its writer acknowledged): later versions are left out. Served by a standby when
    /// <see cref="JournalOptions.HistoryFromStandbys"/> is on and the standby has replayed every version the page must
    /// hold; otherwise by the primary.
    /// </summary>
    Task<JournalPage> ReadAcknowledgedPageAsync(EntityKey key, long cursorVersion, int limit, bool descending, bool includePayloads, long acknowledgedHead, CancellationToken cancellationToken = default);

    /// <summary>
    /// Versions of any entity whose correlation id is <paramref name="correlationId"/>, of the types matching
    /// <paramref name="types"/> (as in <see cref="ChangeFeedFilter.Types"/>; null: every type), at insert positions below
    /// <paramref name="beforePosition"/>, newest first, at most <paramref name="limit"/>, without payloads.
    /// </summary>
    Task<IReadOnlyList<JournalRecord>> ReadByCorrelationAsync(string correlationId, IReadOnlyList<string>? types, long beforePosition, int limit, CancellationToken cancellationToken = default);

    /// <summary>Every version in ascending order, streamed page by page.</summary>
    IAsyncEnumerable<JournalRecord> ReadAllAsync(EntityKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest version (a tombstone included) of each entity of <paramref name="type"/> whose id sorts (by the
    /// database's collation) before <paramref name="beforeId"/> (null: every id), in descending id order, at most
    /// <paramref name="limit"/>; page on with the last id. For the schema compatibility gate, which checks real data
    /// before a schema changes.
    /// </summary>
    Task<IReadOnlyList<JournalRecord>> ReadLatestOfTypeAsync(string type, string? beforeId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The given versions of entities of <paramref name="type"/>, in no particular order; pairs that do not exist are left out.</summary>
    Task<IReadOnlyList<JournalRecord>> ReadVersionsOfTypeAsync(string type, IReadOnlyList<(string Id, long Version)> versions, CancellationToken cancellationToken = default);
}
