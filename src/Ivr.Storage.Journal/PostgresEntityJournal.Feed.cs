using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal : IChangeFeedSource
{
    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int limit, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadFeed);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.Transaction.ToString(CultureInfo.InvariantCulture) });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var entries = new List<FeedEntry>(Math.Min(limit, 1024));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = JournalRowReader.Read(reader);
                var transaction = ulong.Parse(reader.GetString(18), CultureInfo.InvariantCulture);
                entries.Add(new FeedEntry(record, new FeedPosition(transaction, record.Position)));
            }

            return (IReadOnlyList<FeedEntry>)entries;
        }, "read the change feed");

    /// <inheritdoc />
    public Task<FeedPosition> ReadHorizonAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadFeedHorizon);
            var horizon = ulong.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, CultureInfo.InvariantCulture);
            return new FeedPosition(horizon - 1, long.MaxValue);
        }, "read the change feed horizon");

    /// <inheritdoc />
    public Task<FeedPosition> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            await using var command = _dataSource.CreateCommand(JournalSql.ReadFeedHead);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new FeedPosition(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1))
                : FeedPosition.Start;
        }, "read the change feed head");
}
