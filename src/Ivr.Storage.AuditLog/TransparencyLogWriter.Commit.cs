using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Npgsql;

namespace Ivr.Storage.AuditLog;

public sealed partial class TransparencyLogWriter
{
    private async Task CommitAsync(IReadOnlyList<FeedEntry> batch, List<(NodeAddress Address, byte[] Hash)> nodes, long size, FeedPosition checkpoint, SignedTreeHead? head, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The fence first: it locks the state row, so a competing writer's batch waits and then finds itself fenced.
        await using (var advance = new NpgsqlCommand(AuditLogSql.Advance, connection, transaction))
        {
            advance.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _epoch });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _frontier.Size });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checked((long)checkpoint.Transaction) });
            advance.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint.Position });
            if (await advance.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new TransparencyLogFencedException(name, _epoch);
            }
        }

        if (batch.Count > 0)
        {
            await InsertLeavesAsync(connection, transaction, batch, cancellationToken);
            await using var insertNodes = new NpgsqlCommand(AuditLogSql.InsertNodes, connection, transaction);
            insertNodes.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. nodes.Select(n => checked((short)n.Address.Level))] });
            insertNodes.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. nodes.Select(n => n.Address.Index)] });
            insertNodes.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. nodes.Select(n => n.Hash)] });
            await insertNodes.ExecuteNonQueryAsync(cancellationToken);
        }

        if (head is not null)
        {
            await using var insertHead = new NpgsqlCommand(AuditLogSql.InsertHead, connection, transaction);
            insertHead.Parameters.Add(new NpgsqlParameter<long> { TypedValue = head.TreeSize });
            insertHead.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.RootHash });
            insertHead.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = head.Timestamp.UtcDateTime });
            insertHead.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.PreviousHeadHash });
            insertHead.Parameters.Add(new NpgsqlParameter<string> { TypedValue = head.KeyId });
            insertHead.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = head.Signature });
            insertHead.Parameters.Add(new NpgsqlParameter { Value = (object?)head.TimestampToken ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
            await insertHead.ExecuteNonQueryAsync(cancellationToken);
        }

        if (BeforeCommit is { } hook)
        {
            await hook();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task InsertLeavesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FeedEntry> batch, CancellationToken cancellationToken)
    {
        var first = _frontier.Size;
        await using var insert = new NpgsqlCommand(AuditLogSql.InsertLeaves, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select((_, i) => first + i)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Record.Key.Type)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(e => e.Record.Key.Id)] });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(e => e.Record.Version)] });
        insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. batch.Select(e => e.Record.Hash)] });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
