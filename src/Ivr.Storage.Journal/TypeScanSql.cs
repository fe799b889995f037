namespace Ivr.Storage.Journal;

/// <summary>Statements that read across the entities of one type (the schema compatibility gate); see <see cref="JournalSql"/>.</summary>
internal static class TypeScanSql
{
    /// <summary>
    /// The latest row of each entity of type $1, by id descending, at most $2: a backward scan of the primary key
    /// yields (id, version) newest first, so DISTINCT ON needs no sort and the LIMIT stops the scan (checked with
    /// EXPLAIN ANALYZE: an ascending id order made PostgreSQL sort every row of the type).
    /// </summary>
    public const string ReadLatestOfType = $"{LatestOfType} ORDER BY entity_id DESC, version DESC LIMIT $2";

    /// <summary>As <see cref="ReadLatestOfType"/>, for the entities whose id sorts before $3.</summary>
    public const string ReadLatestOfTypeBefore = $"{LatestOfType} AND entity_id < $3 ORDER BY entity_id DESC, version DESC LIMIT $2";

    private const string LatestOfType = $"SELECT DISTINCT ON (entity_id) {JournalSql.Columns} FROM ivr.journal WHERE entity_type = $1";

    /// <summary>Given versions of given entities of type $1 (ids $2, versions $3, pairwise): one primary-key probe each.</summary>
    public const string ReadVersionsOfType =
        $"""
        SELECT {JournalSql.Columns}
          FROM ivr.journal
          JOIN unnest($2::text[], $3::bigint[]) AS wanted (wanted_id, wanted_version)
            ON journal.entity_type = $1 AND journal.entity_id = wanted.wanted_id AND journal.version = wanted.wanted_version
        """;
}
