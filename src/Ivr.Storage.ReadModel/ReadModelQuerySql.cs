namespace Ivr.Storage.ReadModel;

/// <summary>
/// The read model's queries (run by the silo's query grain). They read only the ivr_read views, never the journal; the
/// views point at the generation <see cref="CurrentStateProjector"/> fills (<see cref="ReadModelSql"/>), and the schema
/// comes from migration 0005 (src/Ivr.Storage.Journal/Migrations).
/// </summary>
public static class ReadModelQuerySql
{
    public const string Position =
        $"SELECT checkpoint_tx, checkpoint_position FROM ivr_read.projections WHERE name = '{Contracts.IProjectionGrain.CurrentState}'";

    private const string EntityColumns = "entity_type, entity_id, version, deleted, payload::text, updated_at, source, schema_version";

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

    private const string MatchFilter =
        """
        WHERE NOT deleted
          AND jsonb_to_tsvector('simple', payload, '["string"]') @@ plainto_tsquery('simple', $1)
          AND ($2::text IS NULL OR entity_type = $2)
        """;

    public const string Search = $"SELECT {EntityColumns} FROM ivr_read.entities {MatchFilter} ORDER BY updated_at DESC, entity_id DESC LIMIT $3";

    /// <summary>
    /// Both facets in one statement that reads at most $3 matching rows (type and source only, never payloads) for the
    /// counts, plus one to tell whether there were more, and returns at most $4 + 1 values per facet (1 type, 2
    /// source), most frequent first: a value ranked $4 + 1 only says that the facet was cut short.
    /// </summary>
    public const string SearchFacets =
        $"""
        WITH matches AS (SELECT entity_type, source FROM ivr_read.entities {MatchFilter}),
             counted AS (SELECT entity_type, source FROM matches LIMIT $3),
             facets AS (SELECT 1 AS facet, entity_type AS value, count(*) AS n FROM counted GROUP BY entity_type
                        UNION ALL
                        SELECT 2, source, count(*) FROM counted GROUP BY source),
             ranked AS (SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS rank FROM facets)
        SELECT facet, value, n, rank, EXISTS (SELECT FROM matches OFFSET $3) AS more
          FROM ranked WHERE rank <= $4 + 1 ORDER BY facet, rank
        """;

    /// <summary>The read model's queries may run this long per statement (milliseconds; an integer, never caller input).</summary>
    public static string LimitStatementTime(TimeSpan timeout) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET LOCAL statement_timeout = {Math.Max(1, (long)timeout.TotalMilliseconds)}");

    public const string EntitiesByType = "SELECT entity_type, count(*) FROM ivr_read.entities WHERE NOT deleted GROUP BY entity_type";

    public const string Hourly = "SELECT entity_type, source, hour, versions, deletes FROM ivr_read.stats_hourly ORDER BY hour DESC, entity_type, source LIMIT 500";
}
