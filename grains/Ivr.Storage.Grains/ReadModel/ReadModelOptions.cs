namespace Ivr.Storage.Grains.ReadModel;

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
}
