namespace Ivr.Storage.Journal;

/// <summary>Whether a history page read on a standby holds every acknowledged version it must (none missing yet).</summary>
internal static class StandbyPage
{
    /// <param name="versions">The page's versions at or below <paramref name="acknowledgedHead"/>, in the page's order.</param>
    /// <param name="cursor">Ascending: the page starts after it. Descending: before it (already at most head + 1).</param>
    /// <param name="limit">The page's row limit.</param>
    /// <param name="descending">Newest first.</param>
    /// <param name="acknowledgedHead">The newest version the reader may see.</param>
    /// <param name="reachedByteBound">The page stopped at the byte bound: fewer than <paramref name="limit"/>, still whole.</param>
    public static bool IsWhole(IReadOnlyList<long> versions, long cursor, int limit, bool descending, long acknowledgedHead, bool reachedByteBound)
    {
        var available = descending ? Math.Max(0, cursor - 1) : Math.Max(0, acknowledgedHead - cursor);
        var expected = Math.Min(limit, available);
        if (versions.Count > expected || (versions.Count < expected && !(reachedByteBound && versions.Count > 0)))
        {
            return false;
        }

        var first = descending ? cursor - 1 : cursor + 1;
        var step = descending ? -1 : 1;
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i] != first + (step * i))
            {
                return false;
            }
        }

        return true;
    }
}
