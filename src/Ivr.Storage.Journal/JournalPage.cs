namespace Ivr.Storage.Journal;

/// <summary>
/// A page of one entity's history as the journal reads it. <see cref="ReachedByteBound"/> is true when the page
/// stopped before the row limit because the next version's payload would have taken it beyond
/// <see cref="JournalOptions.MaxPagePayloadBytes"/>: more versions follow the last one returned.
/// </summary>
public sealed record JournalPage(IReadOnlyList<JournalRecord> Records, bool ReachedByteBound)
{
    /// <summary>Whether a standby served the page (<see cref="JournalOptions.HistoryFromStandbys"/>); false: the primary.</summary>
    public bool FromStandby { get; init; }
}
