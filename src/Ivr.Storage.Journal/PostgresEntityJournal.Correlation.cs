using Ivr.Storage.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal
{
    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadByCorrelationAsync(string correlationId, IReadOnlyList<string>? types, long beforePosition, int limit, CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyList<JournalRecord>>(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadByCorrelation);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = correlationId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)LikePatterns(types) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforePosition });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var records = new List<JournalRecord>(Math.Min(limit, 256));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(JournalRowReader.Read(reader));
            }

            return records;
        }, "read versions by correlation id");
}
