namespace Ivr.Storage.Journal.Hashing;

/// <summary>Commit timestamps: server time, PostgreSQL precision, strictly increasing per entity.</summary>
public static class CommitClock
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>
    /// The commit time for a new version after <paramref name="previous"/>: now, truncated to microseconds
    /// (timestamptz precision, so the hashed value survives a round trip), or one microsecond after the
    /// previous version if the clock stepped back or did not advance.
    /// </summary>
    public static DateTimeOffset Next(TimeProvider clock, DateTimeOffset? previous)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var nowTicks = clock.GetUtcNow().UtcTicks;
        var now = new DateTimeOffset(nowTicks - (nowTicks % TicksPerMicrosecond), TimeSpan.Zero);
        if (previous is { } last && now <= last)
        {
            return last.AddTicks(TicksPerMicrosecond);
        }

        return now;
    }
}
