namespace Ivr.Storage.Client;

/// <summary>
/// Retry and circuit-breaker settings. Only transient cluster errors count: a store that is unavailable, a silo or
/// gateway that cannot be reached, a timed-out call. Validation, conflict and not-found errors are never retried.
/// </summary>
public sealed class IvrStorageResilienceOptions
{
    /// <summary>Retries after the first attempt (reads, and writes carrying an idempotency key). The default value is 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; later retries back off exponentially, with jitter. The default value is 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two retries. The default value is 5 seconds.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest a call may take, all retries included; then it fails with <c>StoreUnavailableException</c>.
    /// The default value is 60 seconds.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit. The default value is 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls within <see cref="SamplingDuration"/> before the failure ratio counts. The default value is 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Window over which failures are counted. The default value is 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the circuit stays open (every call fails at once with <c>StoreUnavailableException</c>) before one
    /// trial call may close it again. The default value is 5 seconds.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
