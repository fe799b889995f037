using System.Runtime.CompilerServices;
using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal
{
    /// <inheritdoc />
    public Task<JournalHead?> ReadHeadAsync(EntityKey key, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadHead);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var latest = JournalRowReader.Read(reader);
            var createdAt = new DateTimeOffset(reader.GetDateTime(18), TimeSpan.Zero);
            return new JournalHead(latest, createdAt);
        }, "load the entity's head");

    /// <inheritdoc />
    public Task<JournalRecord?> ReadVersionAsync(EntityKey key, long version, CancellationToken cancellationToken = default) =>
        Guard(() => ReadSingleAsync(JournalSql.ReadVersion, key, new NpgsqlParameter<long> { TypedValue = version }, cancellationToken), "read a version");

    /// <inheritdoc />
    public Task<JournalRecord?> ReadAsOfAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default) =>
        Guard(() => ReadSingleAsync(JournalSql.ReadAsOf, key, new NpgsqlParameter<DateTime> { TypedValue = asOf.UtcDateTime }, cancellationToken), "read as of a time");

    /// <inheritdoc />
    public Task<JournalRecord?> FindByIdempotencyKeyAsync(EntityKey key, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Guard(() => ReadSingleAsync(JournalSql.FindByIdempotencyKey, key, new NpgsqlParameter<string> { TypedValue = idempotencyKey }, cancellationToken), "look up an idempotency key");

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadPageAsync(EntityKey key, long cursorVersion, int limit, bool descending, bool includePayloads, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var sql = (descending, includePayloads) switch
            {
                (false, true) => JournalSql.ReadPageAscending,
                (false, false) => JournalSql.ReadPageAscendingWithoutPayload,
                (true, true) => JournalSql.ReadPageDescending,
                (true, false) => JournalSql.ReadPageDescendingWithoutPayload,
            };
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursorVersion });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var page = new List<JournalRecord>(Math.Min(limit, 1024));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                page.Add(JournalRowReader.Read(reader));
            }

            return (IReadOnlyList<JournalRecord>)page;
        }, "read history");

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadAllAsync(EntityKey key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = 0L;
        while (true)
        {
            var page = await ReadPageAsync(key, after, _options.StreamPageSize, descending: false, includePayloads: true, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < _options.StreamPageSize)
            {
                yield break;
            }

            after = page[^1].Version;
        }
    }

    private async Task<JournalRecord?> ReadSingleAsync(string sql, EntityKey key, NpgsqlParameter third, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
        command.Parameters.Add(third);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? JournalRowReader.Read(reader) : null;
    }
}
