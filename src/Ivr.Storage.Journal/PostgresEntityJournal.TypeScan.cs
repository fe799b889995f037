using Npgsql;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal
{
    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadLatestOfTypeAsync(string type, string? beforeId, int limit, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(beforeId is null ? TypeScanSql.ReadLatestOfType : TypeScanSql.ReadLatestOfTypeBefore);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            if (beforeId is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = beforeId });
            }

            return await ReadAllRowsAsync(command, cancellationToken).ConfigureAwait(false);
        }, "read the entities of a type");

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalRecord>> ReadVersionsOfTypeAsync(string type, IReadOnlyList<(string Id, long Version)> versions, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            if (versions.Count == 0)
            {
                return (IReadOnlyList<JournalRecord>)[];
            }

            await using var command = _dataSource.CreateCommand(TypeScanSql.ReadVersionsOfType);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. versions.Select(v => v.Id)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. versions.Select(v => v.Version)] });
            return await ReadAllRowsAsync(command, cancellationToken).ConfigureAwait(false);
        }, "read versions of a type");

    private static async Task<IReadOnlyList<JournalRecord>> ReadAllRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(JournalRowReader.Read(reader));
        }

        return rows;
    }
}
