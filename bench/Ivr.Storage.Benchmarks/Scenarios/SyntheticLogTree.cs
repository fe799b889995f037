using Npgsql;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>
/// Fills a migrated database's <c>ivr_audit</c> tables with a log of n leaves in bulk, in SQL: the leaves
/// (<c>tree/t-{i}</c> v1, chain hash SHA-256 of i), their RFC 9162 leaf hashes with <see cref="Audit.Leaves.LogLeaf"/>'s
/// encoding, then every perfect subtree level by level, as the writer would have stored them. Honest hashes, so the
/// proofs read from it verify; much faster than the writer for 10 million leaves.
/// </summary>
internal static class SyntheticLogTree
{
    private const string Leaves =
        """
        INSERT INTO ivr_audit.log_leaves (leaf_index, entity_type, entity_id, version, chain_hash)
        SELECT i, 'tree', 't-' || i, 1, sha256(int8send(i)) FROM generate_series(0::bigint, $1 - 1) AS i
        """;

    // 0x00 ‖ (0x01 ‖ u16 len ‖ type ‖ u16 len ‖ id ‖ u64 version ‖ chain hash): LogLeaf.Encode under MerkleHash.Leaf.
    private const string LeafHashes =
        """
        INSERT INTO ivr_audit.log_nodes (level, idx, hash)
        SELECT 0, leaf_index, sha256('\x0001'::bytea
               || int2send(octet_length(convert_to(entity_type, 'UTF8'))::smallint) || convert_to(entity_type, 'UTF8')
               || int2send(octet_length(convert_to(entity_id, 'UTF8'))::smallint) || convert_to(entity_id, 'UTF8')
               || int8send(version) || chain_hash)
          FROM ivr_audit.log_leaves
        """;

    // One ordered scan of the level below (its primary-key range), pairs folded by idx / 2; a self-join of a level of
    // millions ran for minutes. An odd last node has no pair and no parent: RFC 9162 keeps only perfect subtrees.
    private const string Level =
        """
        INSERT INTO ivr_audit.log_nodes (level, idx, hash)
        SELECT $1, idx / 2, sha256('\x01'::bytea || string_agg(hash, ''::bytea ORDER BY idx))
          FROM ivr_audit.log_nodes
         WHERE level = $1 - 1
         GROUP BY idx / 2
        HAVING count(*) = 2
        """;

    public static async Task FillAsync(NpgsqlDataSource owner, long leaves)
    {
        await ExecuteAsync(owner, Leaves, leaves);
        await ExecuteAsync(owner, LeafHashes);
        await ExecuteAsync(owner, "ANALYZE ivr_audit.log_leaves, ivr_audit.log_nodes");
        for (var level = 1; (1L << level) <= leaves; level++)
        {
            await ExecuteAsync(owner, Level, level);
        }

        await ExecuteAsync(owner, "ANALYZE ivr_audit.log_nodes");
    }

    private static async Task ExecuteAsync(NpgsqlDataSource owner, string sql, long? argument = null)
    {
        await using var command = owner.CreateCommand(sql);
        command.CommandTimeout = 3600;
        if (argument is { } value)
        {
            command.Parameters.Add(sql == Level ? new NpgsqlParameter<short> { TypedValue = checked((short)value) } : new NpgsqlParameter<long> { TypedValue = value });
        }

        await command.ExecuteNonQueryAsync();
    }
}
