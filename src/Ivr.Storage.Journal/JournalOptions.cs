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

    /// <summary>Rows read per round trip when a whole history is streamed (verification). The default value is 500.</summary>
    public int StreamPageSize { get; set; } = 500;
}
