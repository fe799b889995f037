using System.Runtime.CompilerServices;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore
{
    /// <inheritdoc />
    public async Task<EntityState> GetAsync(EntityKey key, CancellationToken cancellationToken = default)
    {
        var state = await ReadAsync(key, grain => grain.GetCurrent(), cancellationToken).ConfigureAwait(false);
        return state.Deleted ? throw new EntityDeletedException(state.Key, state.Version, state.UpdatedAt) : state;
    }

    /// <inheritdoc />
    public Task<VersionRecord> GetVersionAsync(EntityKey key, long version, CancellationToken cancellationToken = default) =>
        ReadAsync(key, grain => grain.GetVersion(version), cancellationToken);

    /// <inheritdoc />
    public async Task<VersionRecord> GetAsOfAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var record = await ReadAsync(key, grain => grain.GetAsOf(asOf), cancellationToken).ConfigureAwait(false);
        return record.Deleted ? throw new EntityDeletedException(record.Key, record.Version, record.CommittedAt) : record;
    }

    /// <inheritdoc />
    public Task<HistoryPage> GetHistoryPageAsync(EntityKey key, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(key, grain => grain.GetHistory(query), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<VersionRecord> GetHistoryAsync(EntityKey key, HistoryQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = query ?? new HistoryQuery();
        while (true)
        {
            var page = await GetHistoryPageAsync(key, next, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Items)
            {
                yield return record;
            }

            if (page.NextCursor is null)
            {
                yield break;
            }

            next = next with { Cursor = page.NextCursor };
        }
    }

    /// <inheritdoc />
    public Task<DiffResult> DiffAsync(EntityKey key, long fromVersion, long toVersion, CancellationToken cancellationToken = default) =>
        ReadAsync(key, grain => grain.Diff(fromVersion, toVersion), cancellationToken);

    /// <inheritdoc />
    public Task<VerificationResult> VerifyAsync(EntityKey key, CancellationToken cancellationToken = default) =>
        ReadAsync(key, grain => grain.Verify(), cancellationToken);
}
