namespace Ivr.Storage.Journal;

/// <summary>Settings of the entity journal (configuration section <c>Journal</c>).</summary>
public sealed class JournalOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Journal";

    /// <summary>Npgsql connection string of the runtime role. Taken from <c>ConnectionStrings:Journal</c> when not set here.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Most appends one group commit writes in a single statement. The default value is 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// How many group commits may be in flight at once. A lone writer never waits for company: an idle writer
    /// flushes immediately, and only appends that arrive while commits are in flight are batched.
    /// The default value is 2.
    /// </summary>
    public int MaxConcurrentBatches { get; set; } = 2;

    /// <summary>
    /// While a group commit is in flight, a further one starts only once this many appends wait; fewer go together
    /// when the commit in flight completes (at most one statement's round trip later). The default value is 16 (W1 measurements: 8 gave
    /// about 10 % less throughput than 16 on 64 writers, 32 did not gain).
    /// </summary>
    public int MinBatchSizeWhileBusy { get; set; } = 16;

    /// <summary>
    /// Serve history pages from a standby when the connection string names several hosts (the HA topology). Only
    /// versions up to the entity's acknowledged head are asked for, and those are on the synchronous standby before they
    /// are acknowledged, so no failover can take back what a standby showed; a page the standby has not replayed in full
    /// yet is read again from the primary. The default value is false (every read on the primary).
    /// </summary>
    public bool HistoryFromStandbys { get; set; }

    /// <summary>Rows read per round trip when a whole history is streamed (verification). The default value is 500.</summary>
    public int StreamPageSize { get; set; } = 500;

    /// <summary>
    /// Most payload bytes (UTF-8, as stored) one history or change-feed page carries; the page stops before the version
    /// that would exceed it, but always holds at least one version. Bounds what one read holds in the silo's memory
    /// (1000 versions of 1 MiB would otherwise be a gigabyte). The default value is 8 MiB.
    /// </summary>
    public long MaxPagePayloadBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// Most journal rows one change-feed page filtered by type examines. A page that reaches it without filling up ends
    /// there, and its cursor moves past every row examined, so a reader of a rare type pays a bounded cost per page and
    /// never examines the same rows twice. The default value is 10,000.
    /// </summary>
    public int FeedScanLimit { get; set; } = 10_000;

    /// <summary>
    /// Most appends the group-commit writer holds at once (waiting or in a statement in flight). An append beyond it
    /// fails at once with <c>StoreUnavailableException</c>, not attempted, instead of growing the silo's memory while the
    /// database is slow. The default value is 10,000.
    /// </summary>
    public int MaxQueuedAppends { get; set; } = 10_000;

    /// <summary>
    /// Most bytes (payloads and metadata, as held in memory) the group-commit writer holds at once; beyond it appends
    /// fail like beyond <see cref="MaxQueuedAppends"/>. An append is always accepted while nothing else is held. The
    /// default value is 128 MiB.
    /// </summary>
    public long MaxQueuedBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// Whether the change feed (and so the read-model projector and every feed reader) delivers only rows whose commit the
    /// synchronous standby has flushed. On a primary, a commit whose wait for the standby was cancelled is visible there
    /// without being on any standby; a failover then loses it after a reader saw it. Needs the function
    /// <c>ivr_ha.sync_standby_flush_lsn()</c> (deploy/local/ha-grants.sql) and costs one more statement per feed page, so
    /// only Patroni clusters with <c>synchronous_mode</c> turn it on (deploy/local/ha.sh's env file does). While no
    /// standby is synchronous, the feed waits. The default value is false (a single server: nothing to wait for).
    /// </summary>
    public bool FeedRequiresSyncStandby { get; set; }
}
