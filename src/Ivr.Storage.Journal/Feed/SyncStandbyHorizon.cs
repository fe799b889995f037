namespace Ivr.Storage.Journal.Feed;

/// <summary>
/// The highest feed horizon the synchronous standby is known to hold, for <see cref="JournalOptions.FeedRequiresSyncStandby"/>.
/// Each probe pairs the primary's running-transaction horizon with its WAL insert position at that moment: every
/// transaction below the horizon has its commit record at or before that position. Once the synchronous standby has
/// flushed past the position, the horizon survives a failover and may be shown. Observations wait in order (both values
/// only grow on one server) until the standby's flush position passes them.
/// <para>
/// A transaction waiting for the standby is still running on the primary, so the running-transaction horizon alone
/// hides it; what it does not hide is a commit whose wait was cancelled (a statement timeout, a cancel request,
/// Patroni dropping the synchronous standby): visible on the primary, on no standby, and lost by the next failover.
/// </para>
/// </summary>
internal sealed class SyncStandbyHorizon
{
    // Beyond this many unconfirmed observations the oldest go: newer ones confirm more once the standby catches up.
    private const int MaxPending = 64;

    private readonly Lock _lock = new();
    private readonly Queue<(ulong Horizon, ulong InsertLsn)> _pending = new();
    private string? _server;
    private ulong _confirmed;

    /// <summary>
    /// Records a probe of <paramref name="server"/> and returns the highest confirmed horizon (0: none yet). A probe of
    /// another server (a failover, a restart) drops everything observed before: positions of one server say nothing
    /// about another's.
    /// </summary>
    public ulong Observe(string server, ulong horizon, ulong insertLsn, ulong? syncFlushLsn)
    {
        lock (_lock)
        {
            if (!string.Equals(_server, server, StringComparison.Ordinal))
            {
                _server = server;
                _pending.Clear();
                _confirmed = 0;
            }

            _pending.Enqueue((horizon, insertLsn));
            if (_pending.Count > MaxPending)
            {
                _pending.Dequeue();
            }

            while (syncFlushLsn is { } flushed && _pending.TryPeek(out var oldest) && oldest.InsertLsn <= flushed)
            {
                _confirmed = Math.Max(_confirmed, oldest.Horizon);
                _pending.Dequeue();
            }

            return _confirmed;
        }
    }

    /// <summary>A <c>pg_lsn</c> in its text form (<c>16/B374D848</c>) as the 64-bit position it stands for.</summary>
    public static ulong ParseLsn(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new FormatException($"'{text}' is not a pg_lsn.");
        }

        return (ulong.Parse(text.AsSpan(0, slash), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) << 32)
            | ulong.Parse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }
}
