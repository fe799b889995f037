namespace Ivr.Storage.ReadModel;

/// <summary>The read model projection (configuration section <c>ReadModel</c>).</summary>
public sealed class ReadModelOptions
{
    public const string SectionName = "ReadModel";

    /// <summary>Whether silos run the current-state projection. The default value is true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Connection string of the read model's database. Taken from <c>ConnectionStrings:ReadModel</c>, else the journal's
    /// (the read model is then a second schema, <c>ivr_read</c>, in the same database).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Changes applied per transaction. The default value is 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often an idle projection looks for new changes. The default value is 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a query with a minimum position waits for the read model to reach it. The default value is 5 s.</summary>
    public TimeSpan MinPositionWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Queries with a minimum position that may wait at once on one silo; more fail at once with
    /// <c>StoreUnavailableException</c>. Waiting costs no grain turn and no connection (one poll per silo serves all
    /// waiters), so this only bounds memory. The default value is 1000.
    /// </summary>
    public int MaxWaitingQueries { get; set; } = 1000;

    /// <summary>
    /// The database's <c>statement_timeout</c> for each statement of a read-model query; a query that takes longer
    /// fails with <c>QueryTimeoutException</c> (gateway: 504). The default value is 5 s.
    /// </summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Search matches counted for the facets (by type, by source); beyond it the counts cover this many matches and
    /// <c>SearchResult.FacetsTruncated</c> is set. The default value is 10000.
    /// </summary>
    public int MaxFacetRows { get; set; } = 10_000;

    /// <summary>Values returned per facet, the most frequent first; more set <c>SearchResult.FacetsTruncated</c>. The default value is 100.</summary>
    public int MaxFacetValues { get; set; } = 100;
}
