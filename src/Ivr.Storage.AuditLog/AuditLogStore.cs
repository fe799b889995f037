using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;
using Npgsql;

namespace Ivr.Storage.AuditLog;

/// <summary>Reads of the stored tree and heads, shared by the writer (resuming) and the proof reader.</summary>
internal static class AuditLogStore
{
    /// <summary>The hashes of <paramref name="addresses"/>, in one round trip.</summary>
    /// <exception cref="InvalidOperationException">A node is missing: the log's tables were changed.</exception>
    public static async Task<Dictionary<NodeAddress, byte[]>> ReadNodesAsync(NpgsqlConnection connection, IReadOnlyCollection<NodeAddress> addresses, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<NodeAddress, byte[]>(addresses.Count);
        await using var command = new NpgsqlCommand(AuditLogSql.ReadNodes, connection);
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. addresses.Select(a => checked((short)a.Level))] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. addresses.Select(a => a.Index)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes[new NodeAddress(reader.GetInt16(0), reader.GetInt64(1))] = (byte[])reader[2];
        }

        var missing = addresses.FirstOrDefault(a => !nodes.ContainsKey(a));
        return nodes.Count == addresses.Count
            ? nodes
            : throw new InvalidOperationException($"The transparency log lacks node {missing}.");
    }

    public static async Task<SignedTreeHead?> ReadHeadAsync(NpgsqlConnection connection, long? treeSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(treeSize is null ? AuditLogSql.LatestHead : AuditLogSql.HeadBySize, connection);
        if (treeSize is { } size)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = size });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SignedTreeHead(
            reader.GetInt64(0),
            (byte[])reader[1],
            new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
            (byte[])reader[3],
            reader.GetString(4),
            (byte[])reader[5])
        {
            TimestampToken = reader.IsDBNull(6) ? null : (byte[])reader[6],
        };
    }
}
