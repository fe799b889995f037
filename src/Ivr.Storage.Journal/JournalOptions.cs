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

    /// <summary>Rows read per round trip when a whole history is streamed (verification). The default value is 500.</summary>
    public int StreamPageSize { get; set; } = 500;
}
