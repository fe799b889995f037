namespace Ivr.Storage.AuditLog;

/// <summary>The log's statements; the tables come from migrations 0011 and 0015 (src/Ivr.Storage.Journal/Migrations).</summary>
internal static class AuditLogSql
{
    /// <summary>Claims the log: creates its row if missing and bumps the epoch, fencing any older writer.</summary>
    public const string Claim =
        """
        INSERT INTO ivr_audit.log_state AS s (name, epoch) VALUES ($1, 1)
        ON CONFLICT (name) DO UPDATE SET epoch = s.epoch + 1, updated_at = now()
        RETURNING epoch, tree_size, checkpoint_tx, checkpoint_position
        """;

    /// <summary>
    /// Moves the log from size $3 to $4, only while the epoch is the caller's and nobody moved it since: zero rows
    /// means fenced. It locks the row first, so a competing writer waits here and then finds itself fenced.
    /// </summary>
    public const string Advance =
        """
        UPDATE ivr_audit.log_state
           SET tree_size = $4, checkpoint_tx = $5, checkpoint_position = $6, updated_at = now()
         WHERE name = $1 AND epoch = $2 AND tree_size = $3
        """;

    public const string InsertLeaves =
        """
        INSERT INTO ivr_audit.log_leaves (leaf_index, entity_type, entity_id, version, chain_hash)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bytea[])
        """;

    public const string InsertNodes =
        "INSERT INTO ivr_audit.log_nodes (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])";

    public const string InsertHead =
        """
        INSERT INTO ivr_audit.log_heads (tree_size, root_hash, signed_at, previous_head_hash, key_id, signature, timestamp_token)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public const string ReadNodes =
        """
        SELECT n.level, n.idx, n.hash FROM ivr_audit.log_nodes n
          JOIN unnest($1::smallint[], $2::bigint[]) AS wanted (level, idx) ON n.level = wanted.level AND n.idx = wanted.idx
        """;

    public const string LatestHead =
        """
        SELECT tree_size, root_hash, signed_at, previous_head_hash, key_id, signature, timestamp_token
          FROM ivr_audit.log_heads ORDER BY tree_size DESC LIMIT 1
        """;

    public const string HeadBySize =
        """
        SELECT tree_size, root_hash, signed_at, previous_head_hash, key_id, signature, timestamp_token
          FROM ivr_audit.log_heads WHERE tree_size = $1
        """;

    public const string LeafOfVersion =
        "SELECT leaf_index, chain_hash FROM ivr_audit.log_leaves WHERE entity_type = $1 AND entity_id = $2 AND version = $3";

    /// <summary>Leaves $1 (inclusive) to $2 (exclusive), of type $3 or of every type when null, at most $4, in log order.</summary>
    public const string LeavesInRange =
        """
        SELECT leaf_index, entity_type, entity_id, version, chain_hash FROM ivr_audit.log_leaves
         WHERE leaf_index >= $1 AND leaf_index < $2 AND ($3::text IS NULL OR entity_type = $3)
         ORDER BY leaf_index LIMIT $4
        """;
}
