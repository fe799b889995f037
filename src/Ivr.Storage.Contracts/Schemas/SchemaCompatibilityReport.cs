namespace Ivr.Storage.Contracts;

/// <summary>
/// The compatibility gate's dry run of a candidate schema version against real data: the current version of every
/// entity of the type (up to a cap) and a sample of their history, each upcast to the candidate and validated under it.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.SchemaCompatibilityReport")]
public sealed record SchemaCompatibilityReport
{
    /// <summary>The mode that decided whether to check: that of the version being replaced (<c>backward</c> or <c>none</c>).</summary>
    [Id(0)] public required string Mode { get; init; }

    /// <summary>The schema version the candidate would become.</summary>
    [Id(1)] public required long CandidateVersion { get; init; }

    /// <summary>Whether data was checked at all (false for a first version, or under mode <c>none</c>).</summary>
    [Id(2)] public required bool Checked { get; init; }

    /// <summary>How many entities' current versions were checked.</summary>
    [Id(3)] public int EntitiesChecked { get; init; }

    /// <summary>How many older versions (the history sample) were checked.</summary>
    [Id(4)] public int HistoryVersionsChecked { get; init; }

    /// <summary>Whether the type has more entities than the cap allowed to check: the check is then incomplete.</summary>
    [Id(5)] public bool CapReached { get; init; }

    /// <summary>The failures found, at most the configured number (<see cref="FailureCount"/> counts them all).</summary>
    [Id(6)] public IReadOnlyList<SchemaCompatibilityFailure> Failures { get; init; } = [];

    /// <summary>Every failure found, including those left out of <see cref="Failures"/>.</summary>
    [Id(7)] public int FailureCount { get; init; }

    /// <summary>What the check concluded, for people.</summary>
    [Id(8)] public required string Summary { get; init; }

    /// <summary>Whether the gate lets the candidate through: nothing failed, and the check was complete.</summary>
    public bool Compatible => FailureCount == 0 && !CapReached;
}
