using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.AuditLog;

/// <summary>
/// Proofs from the stored log, each against a signed head: a proof costs one read for the leaf, one for the head and
/// one for its O(log n) subtree hashes. Nothing here needs trusting: the verifier checks every answer against a head.
/// </summary>
public sealed partial class TransparencyLogReader(NpgsqlDataSource database)
{
    /// <summary>The newest signed head, or null before the first.</summary>
    public async Task<SignedTreeHead?> LatestHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await AuditLogStore.ReadHeadAsync(connection, null, cancellationToken);
    }

    /// <summary>The proof that version <paramref name="version"/> of <paramref name="key"/> is in the head of <paramref name="treeSize"/> (default: the latest head).</summary>
    /// <exception cref="ProofUnavailableException">The version is not in the log or not in that head, or no head has that size.</exception>
    public async Task<VersionProof> InclusionAsync(EntityKey key, long version, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var head = await HeadAsync(connection, treeSize, "treeSize", cancellationToken);
        await using var command = new NpgsqlCommand(AuditLogSql.LeafOfVersion, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Id });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new ProofUnavailableException($"Version {version} of {key} is not in the transparency log yet.");
            }

            var index = reader.GetInt64(0);
            var leaf = new LogLeaf(key.Type, key.Id, version, (byte[])reader[1]);
            if (index >= head.TreeSize)
            {
                throw new ProofUnavailableException($"Version {version} of {key} is leaf {index}, after the head of {head.TreeSize}; ask for a later head.");
            }

            await reader.CloseAsync();
            var nodes = await AuditLogStore.ReadNodesAsync(connection, MerkleProofBuilder.NodesForInclusion(index, head.TreeSize), cancellationToken);
            return new VersionProof(leaf, new MerkleProofBuilder(a => nodes[a]).Inclusion(index, head.TreeSize), head);
        }
    }

    /// <summary>The proof that the head of <paramref name="second"/> extends the head of <paramref name="first"/>.</summary>
    /// <exception cref="ProofUnavailableException">No head of one of these sizes, or the first is larger.</exception>
    public async Task<LogConsistency> ConsistencyAsync(long first, long second, CancellationToken cancellationToken = default)
    {
        if (first <= 0 || first > second)
        {
            throw new ProofUnavailableException($"No consistency proof from {first} to {second}: the first size must be positive and at most the second.", first <= 0 ? "from" : "to");
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var firstHead = await HeadAsync(connection, first, "from", cancellationToken);
        var secondHead = await HeadAsync(connection, second, "to", cancellationToken);
        var nodes = await AuditLogStore.ReadNodesAsync(connection, MerkleProofBuilder.NodesForConsistency(first, second), cancellationToken);
        return new LogConsistency(firstHead, secondHead, new MerkleProofBuilder(a => nodes[a]).Consistency(first, second));
    }

    private static async Task<SignedTreeHead> HeadAsync(NpgsqlConnection connection, long? treeSize, string field, CancellationToken cancellationToken) =>
        await AuditLogStore.ReadHeadAsync(connection, treeSize, cancellationToken)
        ?? throw new ProofUnavailableException(treeSize is { } size ? $"No head of size {size} was signed." : "No head was signed yet.", treeSize is null ? null : field);
}
