namespace Ivr.Storage.Gateway.WebConsole.Audit;

/// <summary>Where a version stands in the transparency log, as the Entity page says it.</summary>
public sealed record ProofStatus(ProofState State, long Version, string Detail)
{
    /// <summary>The head the version was proven in (for <see cref="ProofState.Included"/>).</summary>
    public long? TreeSize { get; init; }

    public string? KeyId { get; init; }

    public DateTimeOffset? SignedAt { get; init; }
}
