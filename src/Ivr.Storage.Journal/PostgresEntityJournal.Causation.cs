using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal : ICausationSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEntry>> ReadCausedAsync(
        string causationId,
        IReadOnlyList<string>? types,
        EntityKey? afterKey,
        long afterVersion,
        int limit,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(causationId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return Guard<IReadOnlyList<FeedEntry>>(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadCaused);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = causationId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)LikePatterns(types) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            // The empty type sorts before every type, so ("", "", 0) is before every key.
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterKey?.Type ?? string.Empty });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = afterKey?.Id ?? string.Empty });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterKey is null ? 0 : afterVersion });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var entries = new List<FeedEntry>(Math.Min(limit, 256));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = JournalRowReader.Read(reader);
                entries.Add(new FeedEntry(record, new FeedPosition(ulong.Parse(reader.GetString(18), CultureInfo.InvariantCulture), record.Position)));
            }

            return entries;
        }, "read the versions a message caused");
    }
}
