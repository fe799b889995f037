namespace Ivr.Storage.Journal;

/// <summary>
/// When a committed append passed the group commit's stages, as <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
/// readings of this process: queued, its batch's statement started, the statement returned (committed). The writer
/// uses them to split a write's time into stages (the entity grain's <c>ivr.write.stage.duration</c>); default when
/// the journal does not measure them.
/// </summary>
public readonly record struct AppendTiming(long Queued, long StatementStarted, long Committed)
{
    /// <summary>Whether the journal measured this append.</summary>
    public bool IsMeasured => Queued != 0;
}
