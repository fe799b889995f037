namespace Ivr.Storage.ReadModel;

/// <summary>
/// The projector's statements. Table names carry the generation (<c>_g1</c>, <c>_g2</c>, …); the schema and the
/// projections table come from migration 0005 (src/Ivr.Storage.Journal/Migrations), the queries are <see cref="ReadModelQuerySql"/>.
/// </summary>
internal static class ReadModelSql
{
    public static string Entities(int generation) => $"ivr_read.entities_g{generation}";

    public static string Stats(int generation) => $"ivr_read.stats_hourly_g{generation}";

    public static string CreateGeneration(int generation) =>
        $"""
        CREATE TABLE IF NOT EXISTS {Entities(generation)}
        (
            entity_type text        NOT NULL,
            entity_id   text        NOT NULL,
            version     bigint      NOT NULL,
            deleted     boolean     NOT NULL,
            payload     jsonb,
            updated_at  timestamptz NOT NULL,
            source      text        NOT NULL,
            PRIMARY KEY (entity_type, entity_id)
        );
        -- The schema version the payload is shown at (issue 18); last, so generations made before it gain it by ALTER
        -- in the same column order (the views select *). Null: projected before the column existed (rebuild to fill).
        ALTER TABLE {Entities(generation)} ADD COLUMN IF NOT EXISTS schema_version integer;
        CREATE INDEX IF NOT EXISTS entities_g{generation}_payload ON {Entities(generation)} USING gin (payload jsonb_path_ops);
        CREATE INDEX IF NOT EXISTS entities_g{generation}_updated ON {Entities(generation)} (entity_type, updated_at, entity_id);
        CREATE INDEX IF NOT EXISTS entities_g{generation}_text ON {Entities(generation)} USING gin (jsonb_to_tsvector('simple', payload, '["string"]'));
        CREATE TABLE IF NOT EXISTS {Stats(generation)}
        (
            entity_type text        NOT NULL,
            source      text        NOT NULL,
            hour        timestamptz NOT NULL,
            versions    bigint      NOT NULL,
            deletes     bigint      NOT NULL,
            PRIMARY KEY (entity_type, source, hour)
        );
        """;

    /// <summary>Points the query views at <paramref name="generation"/>; run in the switching transaction.</summary>
    public static string PointViewsAt(int generation) =>
        $"""
        CREATE OR REPLACE VIEW ivr_read.entities AS SELECT * FROM {Entities(generation)};
        CREATE OR REPLACE VIEW ivr_read.stats_hourly AS SELECT * FROM {Stats(generation)};
        """;

    /// <summary>Claims the projection: creates its row if missing and bumps the epoch, fencing out any older instance.</summary>
    public const string Claim =
        """
        INSERT INTO ivr_read.projections AS p (name, epoch, generation) VALUES ($1, 1, $2)
        ON CONFLICT (name) DO UPDATE SET epoch = p.epoch + 1, updated_at = now()
        RETURNING epoch, generation, checkpoint_tx, checkpoint_position, last_committed_at
        """;

    /// <summary>Moves the checkpoint, only while the epoch is still the caller's: zero rows means fenced out.</summary>
    public const string Advance =
        """
        UPDATE ivr_read.projections
           SET checkpoint_tx = $3, checkpoint_position = $4, last_committed_at = $5, updated_at = now()
         WHERE name = $1 AND epoch = $2
        """;

    public static string UpsertEntities(int generation) =>
        $"""
        INSERT INTO {Entities(generation)} AS e (entity_type, entity_id, version, deleted, payload, updated_at, source, schema_version)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::jsonb[], $6::timestamptz[], $7::text[], $8::integer[])
        ON CONFLICT (entity_type, entity_id) DO UPDATE
           SET version = excluded.version, deleted = excluded.deleted, payload = excluded.payload,
               updated_at = excluded.updated_at, source = excluded.source, schema_version = excluded.schema_version
         WHERE e.version < excluded.version
        """;

    /// <summary>A type's live rows shown at a schema version older than $2 (null, unknown, is left alone), locked for the batch.</summary>
    public static string OlderShapes(int generation) =>
        $"SELECT entity_id, version, payload::text, schema_version FROM {Entities(generation)} WHERE entity_type = $1 AND NOT deleted AND schema_version < $2 FOR UPDATE";

    /// <summary>Replaces re-projected rows' payloads and shown schema versions.</summary>
    public static string Reshape(int generation) =>
        $"""
        UPDATE {Entities(generation)} AS e SET payload = r.payload, schema_version = r.schema_version
          FROM unnest($2::text[], $3::jsonb[], $4::integer[]) AS r (entity_id, payload, schema_version)
         WHERE e.entity_type = $1 AND e.entity_id = r.entity_id
        """;

    public static string AddStats(int generation) =>
        $"""
        INSERT INTO {Stats(generation)} AS s (entity_type, source, hour, versions, deletes)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[])
        ON CONFLICT (entity_type, source, hour) DO UPDATE
           SET versions = s.versions + excluded.versions, deletes = s.deletes + excluded.deletes
        """;

    /// <summary>Locks a projection's row for the switch-over transaction.</summary>
    public const string LockProjection =
        "SELECT generation, checkpoint_tx, checkpoint_position, last_committed_at FROM ivr_read.projections WHERE name = $1 FOR UPDATE";

    /// <summary>Hands the live projection over to a rebuilt generation and fences its running instance.</summary>
    public const string SwitchGeneration =
        """
        UPDATE ivr_read.projections
           SET generation = $2, checkpoint_tx = $3, checkpoint_position = $4, last_committed_at = $5, epoch = epoch + 1, updated_at = now()
         WHERE name = $1
        """;
}
