namespace Ivr.Storage.FaultInjection.Services;

/// <summary>Shape of the cluster under test.</summary>
public sealed record FaultClusterOptions
{
    /// <summary>Silos kept running between scenarios. The default value is 3.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>The client's response timeout: an unanswered call becomes a timeout after this. The default value is 3 s.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Where progress lines go (the console, or a test's output).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
