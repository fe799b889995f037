namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>What one read of current state was answered: a state, "never written" (both null), or a failure.</summary>
public sealed record ReadAnswer(ReadObservation? State, string? Error)
{
    public static ReadAnswer NotFound { get; } = new(null, null);

    public static ReadAnswer Found(ReadObservation state) => new(state, null);

    public static ReadAnswer Failed(string error) => new(null, error);
}
