using System.Globalization;
using Ivr.Storage.Journal.Feed;
using Npgsql;

namespace Ivr.Storage.Journal;

/// <summary>The change feed bounded by what the synchronous standby flushed (<see cref="JournalOptions.FeedRequiresSyncStandby"/>).</summary>
public sealed partial class PostgresEntityJournal
{
    private readonly SyncStandbyHorizon _syncStandbyHorizon = new();

    /// <summary>
    /// The feed horizon the synchronous standby holds, probed on <paramref name="connection"/>, the connection the page is
    /// then read on: probe and page see the same server, so a failover between them cannot mix two servers' positions.
    /// 0 while nothing is confirmed.
    /// </summary>
    private async Task<ulong> ReadDurableHorizonAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(JournalSql.ReadFeedDurability, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var horizon = ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        var insertLsn = SyncStandbyHorizon.ParseLsn(reader.GetString(1));
        ulong? flushed = reader.IsDBNull(2) ? null : SyncStandbyHorizon.ParseLsn(reader.GetString(2));
        var confirmed = _syncStandbyHorizon.Observe(reader.GetString(3), horizon, insertLsn, flushed);
        return Math.Min(horizon, confirmed);
    }

    private async Task<FeedPositionBound> OpenBoundedAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new FeedPositionBound(connection, await ReadDurableHorizonAsync(connection, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection and the durable horizon probed on it.</summary>
    private sealed record FeedPositionBound(NpgsqlConnection Connection, ulong Horizon) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
