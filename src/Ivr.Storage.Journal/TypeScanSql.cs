namespace Ivr.Storage.Journal;

/// <summary>Statements that read across the entities of one type (the schema compatibility gate); see <see cref="JournalSql"/>.</summary>
internal static class TypeScanSql
{
    /// <summary>
    /// The latest row of each entity of type $1 whose id sorts after $2, by id, at most $3: the primary key yields the
    /// rows in id order, and an incremental sort on version per id lets the LIMIT stop the scan early.
    /// </summary>
    public const string ReadLatestOfType =
        $"""
        SELECT DISTINCT ON (entity_id) {JournalSql.Columns}
          FROM ivr.journal
         WHERE entity_type = $1 AND entity_id > $2
         ORDER BY entity_id, version DESC
         LIMIT $3
        """;

    /// <summary>Given versions of given entities of type $1 (ids $2, versions $3, pairwise): one primary-key probe each.</summary>
    public const string ReadVersionsOfType =
        $"""
        SELECT {JournalSql.Columns}
          FROM ivr.journal
          JOIN unnest($2::text[], $3::bigint[]) AS wanted (wanted_id, wanted_version)
            ON journal.entity_type = $1 AND journal.entity_id = wanted.wanted_id AND journal.version = wanted.wanted_version
        """;
}
