using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;
using Npgsql;

namespace Ivr.Storage.AuditLog;

public sealed partial class TransparencyLogReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> leaves of <paramref name="type"/> (every type when null) from leaf
    /// <paramref name="from"/> to <paramref name="to"/> (default: the head's size), each with its proof against the head
    /// of <paramref name="treeSize"/> (default: the latest). One read for the leaves, one for all their paths' nodes.
    /// </summary>
    /// <exception cref="ProofUnavailableException">No head of that size, or the range is outside it (fields <c>treeSize</c>, <c>from</c>, <c>to</c>).</exception>
    public async Task<LeafPage> LeavesAsync(string? type, long? treeSize, long from, long? to, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var head = await HeadAsync(connection, treeSize, "treeSize", cancellationToken);
        var end = to ?? head.TreeSize;
        if (from < 0 || from > head.TreeSize)
        {
            throw new ProofUnavailableException($"The export starts at leaf {from}, outside the head of {head.TreeSize} leaves.", "from");
        }

        if (end < from || end > head.TreeSize)
        {
            throw new ProofUnavailableException($"The export ends at leaf {end}, not between {from} and the head's size {head.TreeSize}.", "to");
        }

        var leaves = new List<(long Index, LogLeaf Leaf)>(Math.Min(limit, 1024));
        await using (var command = new NpgsqlCommand(AuditLogSql.LeavesInRange, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = end });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leaves.Add((reader.GetInt64(0), new LogLeaf(reader.GetString(1), reader.GetString(2), reader.GetInt64(3), (byte[])reader[4])));
            }
        }

        var wanted = leaves.SelectMany(l => MerkleProofBuilder.NodesForInclusion(l.Index, head.TreeSize)).ToHashSet();
        var nodes = await AuditLogStore.ReadNodesAsync(connection, wanted, cancellationToken);
        var builder = new MerkleProofBuilder(a => nodes[a]);
        var items = leaves.Select(l => new VersionProof(l.Leaf, builder.Inclusion(l.Index, head.TreeSize), head)).ToList();
        var next = leaves.Count < limit ? end : leaves[^1].Index + 1;
        return new LeafPage(head, end, items, next);
    }
}
