using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Hashing;
using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// What a PostgreSQL superuser can do to the journal: switch its triggers off for the session, drop an entity's
/// versions from some version on and write another tail, its hashes recomputed so the entity's chain verifies again,
/// its transaction id the replaced row's (behind the feed's position, so no feed reader sees it arrive).
/// </summary>
internal static class SuperuserTampering
{
    /// <summary>The chain <paramref name="tail"/> continues from <paramref name="before"/> (null: from version 1), hashes recomputed.</summary>
    public static List<JournalRecord> Rechain(JournalRecord? before, IEnumerable<JournalRecord> tail)
    {
        var chain = new List<JournalRecord>();
        var previous = before;
        foreach (var record in tail)
        {
            var linked = record with { Version = (previous?.Version ?? 0) + 1, PreviousHash = previous?.Hash ?? ChainHash.Genesis.ToArray() };
            previous = linked with { Hash = ChainHash.Compute(linked) };
            chain.Add(previous);
        }

        return chain;
    }

    /// <summary>Deletes the versions of <paramref name="key"/> from <paramref name="fromVersion"/> on and inserts <paramref name="tail"/>.</summary>
    public static async Task ReplaceAsync(TestDatabase database, EntityKey key, long fromVersion, IReadOnlyList<JournalRecord> tail)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServices.AdminConnectionString) { Database = database.Name }.ConnectionString;
        await using var connection = await TestServices.OpenPostgresAsync(admin);
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, "SET LOCAL session_replication_role = replica");
        await using (var read = new NpgsqlCommand("SELECT min(tx_id)::text FROM ivr.journal", connection))
        {
            var oldTx = (string)(await read.ExecuteScalarAsync())!;
            await Execute(connection, "DELETE FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version >= $3", key.Type, key.Id, fromVersion);
            foreach (var record in tail)
            {
                await Execute(
                    connection,
                    """
                    INSERT INTO ivr.journal (entity_type, entity_id, version, kind, payload, committed_at, source, prev_hash, hash, tx_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::xid8)
                    """,
                    key.Type, key.Id, record.Version, (short)record.Kind, record.Payload!, record.CommittedAt.UtcDateTime, record.Provenance.Source, record.PreviousHash, record.Hash, oldTx);
            }
        }

        await transaction.CommitAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params object[] arguments)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await command.ExecuteNonQueryAsync();
    }
}
