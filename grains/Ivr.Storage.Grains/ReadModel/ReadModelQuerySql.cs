namespace Ivr.Storage.Grains.ReadModel;

/// <summary>The read model's queries. They read only the ivr_read views, never the journal.</summary>
internal static class ReadModelQuerySql
{
    public const string Position =
        $"SELECT checkpoint_tx, checkpoint_position FROM ivr_read.projections WHERE name = '{Contracts.IProjectionGrain.CurrentState}'";

    private const string EntityColumns = "entity_type, entity_id, version, deleted, payload::text, updated_at, source";

    private const string ListFilter =
        """
        WHERE entity_type = $1
          AND ($2::jsonb IS NULL OR payload @> $2::jsonb)
          AND ($3 OR NOT deleted)
        """;

    // Keyset pagination on (updated_at, entity_id): stable while writes move other rows around.
    public const string ListNewestFirst =
        $"SELECT {EntityColumns} FROM ivr_read.entities {ListFilter} AND ($4::timestamptz IS NULL OR (updated_at, entity_id) < ($4, $5)) ORDER BY updated_at DESC, entity_id DESC LIMIT $6";

    public const string ListOldestFirst =
        $"SELECT {EntityColumns} FROM ivr_read.entities {ListFilter} AND ($4::timestamptz IS NULL OR (updated_at, entity_id) > ($4, $5)) ORDER BY updated_at, entity_id LIMIT $6";

    private const string Matches =
        """
        WITH matches AS (
            SELECT * FROM ivr_read.entities
             WHERE NOT deleted
               AND jsonb_to_tsvector('simple', payload, '["string"]') @@ plainto_tsquery('simple', $1)
               AND ($2::text IS NULL OR entity_type = $2))
        """;

    public const string Search = $"{Matches} SELECT {EntityColumns} FROM matches ORDER BY updated_at DESC, entity_id DESC LIMIT $3";

    public const string SearchByType = $"{Matches} SELECT entity_type, count(*) FROM matches GROUP BY entity_type";

    public const string SearchBySource = $"{Matches} SELECT source, count(*) FROM matches GROUP BY source";

    public const string EntitiesByType = "SELECT entity_type, count(*) FROM ivr_read.entities WHERE NOT deleted GROUP BY entity_type";

    public const string Hourly = "SELECT entity_type, source, hour, versions, deletes FROM ivr_read.stats_hourly ORDER BY hour DESC, entity_type, source LIMIT 500";
}
