namespace Ivr.Storage.Grains;

/// <summary>
/// The clock that stamps commit times. A type of its own so tests can substitute a fake time provider for the
/// entity store without touching the <see cref="TimeProvider"/> Orleans' own timers run on.
/// </summary>
public sealed class EntityClock(TimeProvider timeProvider)
{
    /// <summary>The underlying time provider.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;
}
