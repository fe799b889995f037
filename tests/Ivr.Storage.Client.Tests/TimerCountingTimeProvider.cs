using Microsoft.Extensions.Time.Testing;

namespace Ivr.Storage.Client.Tests;

/// <summary>A fake clock that counts the timers made on it, so a test can wait until code under test waits on it.</summary>
internal sealed class TimerCountingTimeProvider : FakeTimeProvider
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
