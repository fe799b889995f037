namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What one write attempt was answered, whichever transport carried it.</summary>
public sealed record WriteAnswer(WriteOutcome Outcome, long? Version = null, string? Hash = null, string? Error = null)
{
    public static WriteAnswer Acknowledged(long version, string hash) => new(WriteOutcome.Acknowledged, version, hash);

    public static WriteAnswer Failed(WriteOutcome outcome, string error) => new(outcome, Error: error);
}
