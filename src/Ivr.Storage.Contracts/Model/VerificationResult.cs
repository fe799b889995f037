namespace Ivr.Storage.Contracts;

/// <summary>The outcome of recomputing an entity's hash chain from what the journal returns.</summary>
[GenerateSerializer, Immutable, Alias("ivr.VerificationResult")]
public sealed record VerificationResult
{
    /// <summary>The entity.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>True when every version's hash recomputes and links to its predecessor, with no gaps.</summary>
    [Id(1)] public required bool IsValid { get; init; }

    /// <summary>How many versions were checked.</summary>
    [Id(2)] public required long VersionsChecked { get; init; }

    /// <summary>The first version that failed, if any.</summary>
    [Id(3)] public long? FirstInvalidVersion { get; init; }

    /// <summary>Why that version failed.</summary>
    [Id(4)] public string? Problem { get; init; }
}
