namespace Ivr.Storage.Journal;

/// <summary>
/// Every statement the journal runs. The schema itself lives in Migrations/*.sql.
/// Column order of <see cref="Columns"/> is what <see cref="JournalRowReader"/> reads.
/// </summary>
internal static class JournalSql
{
    public const string Columns =
        "entity_type, entity_id, version, kind, payload, committed_at, source, correlation_id, causation_id, " +
        "actor, reason, idempotency_key, request_hash, schema_version, tags::text, prev_hash, hash, position";

    /// <summary>Same as <see cref="Columns"/> but without the payload, for metadata-only history pages.</summary>
    public const string ColumnsWithoutPayload =
        "entity_type, entity_id, version, kind, NULL::text, committed_at, source, correlation_id, causation_id, " +
        "actor, reason, idempotency_key, request_hash, schema_version, tags::text, prev_hash, hash, position";

    /// <summary>
    /// Group commit: every waiting append in one statement, hence one transaction and one WAL flush.
    /// ON CONFLICT DO NOTHING (on the version key or the idempotency key) skips only the conflicting rows;
    /// RETURNING tells which rows went in.
    /// </summary>
    public const string AppendBatch =
        """
        INSERT INTO ivr.journal (entity_type, entity_id, version, kind, payload, committed_at, source, correlation_id,
                                 causation_id, actor, reason, idempotency_key, request_hash, schema_version, tags, prev_hash, hash)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::smallint[], $5::text[], $6::timestamptz[], $7::text[],
                             $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::bytea[], $14::integer[],
                             $15::jsonb[], $16::bytea[], $17::bytea[])
        ON CONFLICT DO NOTHING
        RETURNING entity_type, entity_id, version, position, tx_id::text
        """;

    /// <summary>
    /// A group of one (a lone writer, W2): the same insert from plain parameters. PostgreSQL spends less per row on a
    /// VALUES list than on unnesting seventeen one-element arrays, and the client builds no arrays.
    /// </summary>
    public const string AppendOne =
        """
        INSERT INTO ivr.journal (entity_type, entity_id, version, kind, payload, committed_at, source, correlation_id,
                                 causation_id, actor, reason, idempotency_key, request_hash, schema_version, tags, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17)
        ON CONFLICT DO NOTHING
        RETURNING entity_type, entity_id, version, position, tx_id::text
        """;

    /// <summary>
    /// Activation: the latest row (a backward scan of the primary key that stops after one row) and
    /// version 1's commit time (one primary-key probe). Never reads the chain.
    /// </summary>
    public const string ReadHead =
        $"""
        SELECT {Columns},
               (SELECT first.committed_at FROM ivr.journal first
                 WHERE first.entity_type = $1 AND first.entity_id = $2 AND first.version = 1) AS created_at
          FROM ivr.journal
         WHERE entity_type = $1 AND entity_id = $2
         ORDER BY version DESC
         LIMIT 1
        """;

    public const string ReadVersion =
        $"SELECT {Columns} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version = $3";

    public const string ReadAsOf =
        $"""
        SELECT {Columns} FROM ivr.journal
         WHERE entity_type = $1 AND entity_id = $2 AND committed_at <= $3
         ORDER BY committed_at DESC
         LIMIT 1
        """;

    public const string FindByIdempotencyKey =
        $"SELECT {Columns} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND idempotency_key = $3";

    public const string ReadPageAscending =
        $"SELECT {Columns} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version > $3 ORDER BY version LIMIT $4";

    public const string ReadPageAscendingWithoutPayload =
        $"SELECT {ColumnsWithoutPayload} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version > $3 ORDER BY version LIMIT $4";

    public const string ReadPageDescending =
        $"SELECT {Columns} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version < $3 ORDER BY version DESC LIMIT $4";

    public const string ReadPageDescendingWithoutPayload =
        $"SELECT {ColumnsWithoutPayload} FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version < $3 ORDER BY version DESC LIMIT $4";

    /// <summary>
    /// The change feed: rows after a (transaction, position) cursor, only from transactions older than every
    /// transaction still running. Below that horizon nothing can appear any more (holes from rollbacks stay
    /// holes), so a reader never skips a row that commits late and never waits on a hole.
    /// The text copy of the transaction id has an alias of its own: ORDER BY prefers output column names, and an
    /// output column named tx_id would sort the feed as text ('1000' before '999'), skipping and repeating rows
    /// whenever transaction ids gain a digit (found by the fault-injection suite).
    /// </summary>
    public const string ReadFeed =
        $"""
        SELECT {Columns}, journal.tx_id::text AS tx_text
          FROM ivr.journal AS journal
         WHERE (journal.tx_id, journal.position) > ($1::text::xid8, $2)
           AND journal.tx_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY journal.tx_id, journal.position
         LIMIT $3
        """;

    /// <summary>The newest committed row in feed order: a backward scan of the feed index that stops after one row.</summary>
    public const string ReadFeedHead =
        "SELECT tx_id::text AS tx_text, position FROM ivr.journal ORDER BY tx_id DESC, position DESC LIMIT 1";

    /// <summary>The oldest transaction still running (or the next to start): everything older is final.</summary>
    public const string ReadFeedHorizon = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";
}
