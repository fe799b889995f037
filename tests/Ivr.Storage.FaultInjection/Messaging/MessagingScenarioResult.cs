namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>
/// What a messaging scenario saw: versions committed (by writers and by commands), change messages received (and how
/// many of them repeated a message id), commands sent, versions they produced, dead letters, and every violation.
/// </summary>
public sealed record MessagingScenarioResult(
    MessagingFault Fault,
    string Note,
    int Committed,
    int Received,
    int Duplicates,
    int Commands,
    int CommandVersions,
    int DeadLettered,
    TimeSpan Settled,
    IReadOnlyList<string> Violations)
{
    public override string ToString() =>
        $"{Fault}: {Note}; {Committed} versions committed, {Received} change messages received ({Duplicates} repeated a message id), "
        + $"{Commands} commands sent -> {CommandVersions} versions and {DeadLettered} dead letters; settled {Settled.TotalSeconds:F1} s after the load; "
        + $"{Violations.Count} violations";
}
