using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>
/// A relay's durable, fenced checkpoint (table <c>ivr.message_relays</c>, migration 0010), the read-model
/// projector's pattern: claiming bumps the epoch, and the checkpoint moves only while the epoch is the mover's.
/// </summary>
internal sealed class RelayCheckpoint(NpgsqlDataSource database, string name)
{
    private const string ClaimSql =
        """
        INSERT INTO ivr.message_relays AS r (name, epoch) VALUES ($1, 1)
        ON CONFLICT (name) DO UPDATE SET epoch = r.epoch + 1, updated_at = now()
        RETURNING epoch, checkpoint_tx, checkpoint_position, last_committed_at
        """;

    private const string AdvanceSql =
        """
        UPDATE ivr.message_relays
           SET checkpoint_tx = $3, checkpoint_position = $4, last_committed_at = coalesce($5, last_committed_at), updated_at = now()
         WHERE name = $1 AND epoch = $2
        """;

    /// <summary>Claims the relay, fencing any older instance; returns the new epoch and where to resume.</summary>
    public async Task<(long Epoch, FeedPosition Position, DateTimeOffset? LastCommittedAt)> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var claim = database.CreateCommand(ClaimSql);
        claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var committed = reader.IsDBNull(3) ? (DateTimeOffset?)null : new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero);
        return (reader.GetInt64(0), new FeedPosition((ulong)reader.GetInt64(1), reader.GetInt64(2)), committed);
    }

    /// <summary>Moves the checkpoint to <paramref name="position"/>.</summary>
    /// <exception cref="RelayFencedException">A newer instance holds the relay; nothing moved.</exception>
    public async Task AdvanceAsync(long epoch, FeedPosition position, DateTimeOffset? lastCommittedAt, CancellationToken cancellationToken)
    {
        await using var advance = database.CreateCommand(AdvanceSql);
        advance.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = epoch });
        advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)position.Transaction) });
        advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Position });
        advance.Parameters.Add(new NpgsqlParameter { Value = (object?)lastCommittedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        if (await advance.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new RelayFencedException(name, epoch);
        }
    }
}
