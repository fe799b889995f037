using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.Journal.Tests;

public sealed class CommitClockTests
{
    private sealed class SettableTimeProvider : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Next_TruncatesToMicroseconds_SoTheHashedTimeSurvivesPostgres()
    {
        var clock = new SettableTimeProvider { Now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567) };

        var next = CommitClock.Next(clock, previous: null);

        Assert.Equal(clock.Now.AddTicks(-7), next);
    }

    [Fact]
    public void Next_ClockSteppedBack_StaysStrictlyAfterThePreviousVersion()
    {
        var previous = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new SettableTimeProvider { Now = previous.AddHours(-5) };

        var next = CommitClock.Next(clock, previous);

        Assert.Equal(previous.AddTicks(10), next);
    }

    [Fact]
    public void Next_ClockDidNotAdvance_StillMovesOneMicrosecond()
    {
        var previous = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new SettableTimeProvider { Now = previous };

        Assert.Equal(previous.AddTicks(10), CommitClock.Next(clock, previous));
    }
}
