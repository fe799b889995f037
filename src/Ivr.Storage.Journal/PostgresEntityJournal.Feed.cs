using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;
using NpgsqlTypes;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal : IChangeFeedSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> ReadAsync(FeedPosition after, int limit, CancellationToken cancellationToken = default) =>
        (await ReadAsync(after, limit, ChangeFeedFilter.Everything, cancellationToken).ConfigureAwait(false)).Entries;

    /// <inheritdoc />
    public Task<FeedPage> ReadAsync(FeedPosition after, int limit, ChangeFeedFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        return Guard(async () =>
        {
            // Unfiltered, every row examined is returned: examining more than the limit would be wasted.
            var scanLimit = filter.Types is null ? limit : Math.Max(limit, _options.FeedScanLimit);
            await using var bound = _options.FeedRequiresSyncStandby ? await OpenBoundedAsync(cancellationToken).ConfigureAwait(false) : null;
            await using var command = bound is null
                ? _dataSource.CreateCommand(JournalSql.ReadFeed)
                : new NpgsqlCommand(JournalSql.ReadFeedBounded, bound.Connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.Transaction.ToString(CultureInfo.InvariantCulture) });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Position });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = scanLimit });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)LikePatterns(filter.Types) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = filter.IncludePayloads });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _options.MaxPagePayloadBytes });
            if (bound is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = bound.Horizon.ToString(CultureInfo.InvariantCulture) });
            }

            var entries = new List<FeedEntry>(Math.Min(limit, 1024));
            var stoppedAtBytes = false;
            FeedPosition? lastExamined = null;
            var examined = 0L;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastExamined ??= new FeedPosition(ulong.Parse(reader.GetString(20), CultureInfo.InvariantCulture), reader.GetInt64(21));
                examined = reader.GetInt64(22);
                if (reader.IsDBNull(0))
                {
                    // No row of the asked types among those examined: only the scan's end came back.
                    continue;
                }

                if (!reader.GetBoolean(19))
                {
                    // The first row past the byte bound, sent without its payload only to say that the page stopped there.
                    stoppedAtBytes = true;
                    continue;
                }

                var record = JournalRowReader.Read(reader);
                entries.Add(new FeedEntry(record, new FeedPosition(ulong.Parse(reader.GetString(18), CultureInfo.InvariantCulture), record.Position)));
            }

            // Stopped at the count or the bytes: more rows of the asked types may lie between the last entry and the end
            // of the scan, so resume right after the last entry. Otherwise every row examined was seen: resume after them.
            var stoppedAtCount = entries.Count == limit;
            var next = stoppedAtBytes || stoppedAtCount ? entries[^1].Position : lastExamined ?? after;
            return new FeedPage(entries, next, stoppedAtBytes || stoppedAtCount || examined == scanLimit);
        }, "read the change feed");
    }

    /// <inheritdoc />
    public Task<FeedPosition> ReadHorizonAsync(CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            ulong horizon;
            if (_options.FeedRequiresSyncStandby)
            {
                await using var bound = await OpenBoundedAsync(cancellationToken).ConfigureAwait(false);
                horizon = bound.Horizon;
            }
            else
            {
                await using var command = _dataSource.CreateCommand(JournalSql.ReadFeedHorizon);
                horizon = ulong.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, CultureInfo.InvariantCulture);
            }

            // Horizon 0: nothing confirmed durable yet (a primary without a synchronous standby since this silo started).
            return horizon == 0 ? FeedPosition.Start : new FeedPosition(horizon - 1, long.MaxValue);
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

    /// <summary>
    /// Type patterns as SQL LIKE patterns: a trailing <c>*</c> becomes <c>%</c>, and <c>_</c> (allowed in types, a LIKE
    /// wildcard) is escaped. Types cannot hold <c>%</c> or a backslash, so nothing else needs escaping.
    /// </summary>
    private static string[]? LikePatterns(IReadOnlyList<string>? types) => types?.Select(LikePattern).ToArray();

    private static string LikePattern(string type)
    {
        var escaped = type.Replace("_", "\\_", StringComparison.Ordinal);
        return escaped.EndsWith('*') ? escaped[..^1] + "%" : escaped;
    }
}
