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

    /// <summary>History page, oldest first, bounded by payload bytes ($5): see <see cref="BoundedHistoryPage"/>.</summary>
    public static readonly string ReadPageAscending = BoundedHistoryPage("journal.version > $3", "journal.version");

    public const string ReadPageAscendingWithoutPayload =
        $"SELECT {ColumnsWithoutPayload}, true FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version > $3 ORDER BY version LIMIT $4";

    /// <summary>History page, newest first, bounded by payload bytes ($5): see <see cref="BoundedHistoryPage"/>.</summary>
    public static readonly string ReadPageDescending = BoundedHistoryPage("journal.version < $3", "journal.version DESC");

    public const string ReadPageDescendingWithoutPayload =
        $"SELECT {ColumnsWithoutPayload}, true FROM ivr.journal WHERE entity_type = $1 AND entity_id = $2 AND version < $3 ORDER BY version DESC LIMIT $4";

    /// <summary>
    /// Versions carrying correlation id $1 of the types matching LIKE patterns $2 (null: every type), at positions below
    /// $3, newest (highest position) first, at most $4, without payloads: a backward scan of the partial index
    /// <c>journal_correlation</c> (migration 0012).
    /// </summary>
    public const string ReadByCorrelation =
        $"""
        SELECT {ColumnsWithoutPayload}
          FROM ivr.journal
         WHERE correlation_id = $1 AND correlation_id IS NOT NULL
           AND ($2::text[] IS NULL OR entity_type LIKE ANY ($2::text[]))
           AND position < $3
         ORDER BY position DESC
         LIMIT $4
        """;

    /// <summary>
    /// The change feed: rows after a (transaction, position) cursor, only from transactions older than every
    /// transaction still running. Below that horizon nothing can appear any more (holes from rollbacks stay
    /// holes), so a reader never skips a row that commits late and never waits on a hole.
    /// <para>
    /// A page examines at most $4 rows after the cursor (<c>scanned</c>; for an unfiltered page $4 is the page's limit)
    /// and returns those of them whose type matches one of the LIKE patterns $5 (null: every type), at most $3, bounded
    /// by payload bytes ($7; payloads only when $6). The last row examined comes back with every row (or alone, with
    /// nulls for the journal columns, when no row matched): that is where the cursor goes when the page did not stop at
    /// a bound, so rows of other types are never examined twice. Both parts read one snapshot, hence one horizon.
    /// </para>
    /// The text copy of the transaction id has an alias of its own: ORDER BY prefers output column names, and an
    /// output column named tx_id would sort the feed as text ('1000' before '999'), skipping and repeating rows
    /// whenever transaction ids gain a digit (found by the fault-injection suite).
    /// </summary>
    public static readonly string ReadFeed = ReadFeedBelow(FeedHorizon);

    /// <summary>
    /// <see cref="ReadFeed"/> below the lower of the running-transaction horizon and $8 (a transaction id as text): the
    /// horizon the synchronous standby is known to hold (<see cref="Feed.SyncStandbyHorizon"/>).
    /// </summary>
    public static readonly string ReadFeedBounded = ReadFeedBelow($"least({FeedHorizon}, $8::text::xid8)");

    /// <summary>
    /// The durability probe of <see cref="JournalOptions.FeedRequiresSyncStandby"/>: the running-transaction horizon,
    /// then the WAL insert position (read after the snapshot: every transaction below the horizon has its commit record
    /// at or before it), the synchronous standby's flush position (null: none) and which server answered (port and
    /// start time: a failover or restart starts the observations afresh).
    /// </summary>
    public const string ReadFeedDurability =
        """
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text, pg_current_wal_insert_lsn()::text,
               ivr_ha.sync_standby_flush_lsn()::text, concat(inet_server_port(), '@', pg_postmaster_start_time())
        """;

    private const string FeedHorizon = "pg_snapshot_xmin(pg_current_snapshot())";

    private static string ReadFeedBelow(string horizon) =>
        $"""
        WITH scanned AS (
            SELECT journal.tx_id, journal.position, row_number() OVER (ORDER BY journal.tx_id, journal.position) AS examined
              FROM ivr.journal AS journal
             WHERE (journal.tx_id, journal.position) > ($1::text::xid8, $2)
               AND journal.tx_id < {horizon}
             ORDER BY journal.tx_id, journal.position
             LIMIT $4
        ),
        scan_end AS (
            SELECT scanned.tx_id, scanned.position, scanned.examined FROM scanned ORDER BY scanned.examined DESC LIMIT 1
        )
        SELECT {ColumnsOf("page", "CASE WHEN page.fits AND $6 THEN page.payload END")}, page.tx_text, page.fits,
               scan_end.tx_id::text AS scan_tx, scan_end.position AS scan_position, scan_end.examined
          FROM scan_end
          LEFT JOIN LATERAL (
              SELECT bounded.*, (bounded.rn = 1 OR bounded.running <= $7) AS fits
                FROM (SELECT journal.*, journal.tx_id::text AS tx_text,
                             CASE WHEN $6 THEN coalesce(octet_length(journal.payload), 0) ELSE 0 END AS size,
                             sum(CASE WHEN $6 THEN coalesce(octet_length(journal.payload), 0) ELSE 0 END) OVER w AS running,
                             row_number() OVER w AS rn
                        FROM ivr.journal AS journal
                       WHERE (journal.tx_id, journal.position) > ($1::text::xid8, $2)
                         AND (journal.tx_id, journal.position) <= (scan_end.tx_id, scan_end.position)
                         AND journal.tx_id < {horizon}
                         AND ($5::text[] IS NULL OR journal.entity_type LIKE ANY ($5::text[]))
                      WINDOW w AS (ORDER BY journal.tx_id, journal.position ROWS UNBOUNDED PRECEDING)
                       ORDER BY journal.tx_id, journal.position
                       LIMIT $3) AS bounded
               WHERE bounded.rn <= 2 OR bounded.running - bounded.size <= $7
          ) AS page ON true
         ORDER BY page.rn
        """;

    /// <summary>The newest committed row in feed order: a backward scan of the feed index that stops after one row.</summary>
    public const string ReadFeedHead =
        "SELECT tx_id::text AS tx_text, position FROM ivr.journal ORDER BY tx_id DESC, position DESC LIMIT 1";

    /// <summary>The oldest transaction still running (or the next to start): everything older is final.</summary>
    public const string ReadFeedHorizon = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text";

    /// <summary>
    /// Lookup by message (issue 20): versions with causation id $1 of the types matching the LIKE patterns $2 (null:
    /// every type), after the key ($3, $4, $5) in key order, at most $6, without payloads; with the transaction id as text
    /// for the feed position. Served by the index of migration 0013 (causation_id, entity_type, entity_id, version).
    /// </summary>
    public const string ReadCaused =
        $"""
        SELECT {ColumnsWithoutPayload}, tx_id::text AS tx_text
          FROM ivr.journal
         WHERE causation_id = $1
           AND ($2::text[] IS NULL OR entity_type LIKE ANY ($2::text[]))
           AND (entity_type, entity_id, version) > ($3, $4, $5)
         ORDER BY entity_type, entity_id, version
         LIMIT $6
        """;

    /// <summary>
    /// A history page with payloads: at most $4 versions of entity ($1, $2) after or before version $3, stopping before
    /// the version whose payload would take the page's payload bytes beyond $5, except that the first version always
    /// fits. One more row may follow the last that fits, with <c>fits = false</c> and no payload: it only says that
    /// the page stopped at the byte bound (the reader drops it). Sizes are the stored text's bytes, read from the
    /// row without decompressing a TOASTed payload, so versions past the bound are never loaded.
    /// </summary>
    private static string BoundedHistoryPage(string after, string order) =>
        $"""
        SELECT {ColumnsOf("page", "CASE WHEN page.fits THEN page.payload END")}, page.fits
          FROM (SELECT bounded.*, (bounded.rn = 1 OR bounded.running <= $5) AS fits
                  FROM (SELECT journal.*, coalesce(octet_length(journal.payload), 0) AS size,
                               sum(coalesce(octet_length(journal.payload), 0)) OVER w AS running,
                               row_number() OVER w AS rn
                          FROM ivr.journal AS journal
                         WHERE journal.entity_type = $1 AND journal.entity_id = $2 AND {after}
                        WINDOW w AS (ORDER BY {order} ROWS UNBOUNDED PRECEDING)
                         ORDER BY {order}
                         LIMIT $4) AS bounded
                 WHERE bounded.rn <= 2 OR bounded.running - bounded.size <= $5) AS page
         ORDER BY page.rn
        """;

    /// <summary><see cref="Columns"/>, in that order, of the derived table <paramref name="alias"/>, with the payload given by <paramref name="payload"/>.</summary>
    private static string ColumnsOf(string alias, string payload) =>
        $"{alias}.entity_type, {alias}.entity_id, {alias}.version, {alias}.kind, {payload}, {alias}.committed_at, {alias}.source, " +
        $"{alias}.correlation_id, {alias}.causation_id, {alias}.actor, {alias}.reason, {alias}.idempotency_key, {alias}.request_hash, " +
        $"{alias}.schema_version, {alias}.tags::text, {alias}.prev_hash, {alias}.hash, {alias}.position";
}
