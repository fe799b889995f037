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
    public Task<JournalPage> ReadPageAsync(EntityKey key, long cursorVersion, int limit, bool descending, bool includePayloads, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(PageSql(descending, includePayloads));
            return await ReadPageAsync(command, key, cursorVersion, limit, includePayloads, cancellationToken).ConfigureAwait(false);
        }, "read history");

    private static string PageSql(bool descending, bool includePayloads) => (descending, includePayloads) switch
    {
        (false, true) => JournalSql.ReadPageAscending,
        (false, false) => JournalSql.ReadPageAscendingWithoutPayload,
        (true, true) => JournalSql.ReadPageDescending,
        (true, false) => JournalSql.ReadPageDescendingWithoutPayload,
    };

    private async Task<JournalPage> ReadPageAsync(NpgsqlCommand command, EntityKey key, long cursorVersion, int limit, bool includePayloads, CancellationToken cancellationToken)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursorVersion });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        if (includePayloads)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _options.MaxPagePayloadBytes });
        }

        var page = new List<JournalRecord>(Math.Min(limit, 1024));
        var reachedByteBound = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A row that does not fit is the byte bound's marker (no payload), always the last one.
            if (!reader.GetBoolean(18))
            {
                reachedByteBound = true;
                continue;
            }

            page.Add(JournalRowReader.Read(reader));
        }

        return new JournalPage(page, reachedByteBound);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalRecord> ReadAllAsync(EntityKey key, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = 0L;
        while (true)
        {
            var page = await ReadPageAsync(key, after, _options.StreamPageSize, descending: false, includePayloads: true, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Records)
            {
                yield return record;
            }

            if (page.Records.Count < _options.StreamPageSize && !page.ReachedByteBound)
            {
                yield break;
            }

            after = page.Records[^1].Version;
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
