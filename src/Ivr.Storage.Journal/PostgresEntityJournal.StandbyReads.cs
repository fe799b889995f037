using Ivr.Storage.Contracts;
using Npgsql;

namespace Ivr.Storage.Journal;

public sealed partial class PostgresEntityJournal
{
    /// <inheritdoc />
    public async Task<JournalPage> ReadAcknowledgedPageAsync(EntityKey key, long cursorVersion, int limit, bool descending, bool includePayloads, long acknowledgedHead, CancellationToken cancellationToken = default)
    {
        // Descending pages start below the cursor: never above the head. Versions are dense (1..n), so a page holds at
        // most the versions between cursor and head (or 1): fetch no more than that.
        var cursor = descending ? Math.Min(cursorVersion, acknowledgedHead + 1) : cursorVersion;
        var visible = descending ? Math.Max(0, cursor - 1) : Math.Max(0, acknowledgedHead - cursor);
        limit = (int)Math.Min(limit, visible);
        if (limit == 0)
        {
            return new JournalPage([], ReachedByteBound: false);
        }

        if (_standbys is not null && await TryReadOnStandbyAsync(key, cursor, limit, descending, includePayloads, acknowledgedHead, cancellationToken).ConfigureAwait(false) is { } served)
        {
            _metrics.HistoryPageServed(fromStandby: true);
            return served;
        }

        var page = await ReadPageAsync(key, cursor, limit, descending, includePayloads, cancellationToken).ConfigureAwait(false);
        if (_standbys is not null)
        {
            _metrics.HistoryPageServed(fromStandby: false);
        }

        return AtOrBelow(page, acknowledgedHead);
    }

    // The bounds above already keep versions past the head out; this is the guard, and copies only when it cuts.
    private static JournalPage AtOrBelow(JournalPage page, long acknowledgedHead) =>
        page.Records.All(record => record.Version <= acknowledgedHead)
            ? page
            : page with { Records = [.. page.Records.Where(record => record.Version <= acknowledgedHead)] };

    // Null when no standby could serve the page whole: none reachable (the pool fell back to the primary, which the
    // caller reads itself), or one that has not replayed every version the page must hold. Versions are 1..n without
    // gaps, so "whole" is a count and a run of consecutive numbers.
    private async Task<JournalPage?> TryReadOnStandbyAsync(EntityKey key, long cursor, int limit, bool descending, bool includePayloads, long acknowledgedHead, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _standbys!.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (!connection.PostgresParameters.TryGetValue("in_hot_standby", out var hotStandby) || hotStandby != "on")
            {
                return null;
            }

            await using var command = new NpgsqlCommand(PageSql(descending, includePayloads), connection);
            var page = await ReadPageAsync(command, key, cursor, limit, includePayloads, cancellationToken).ConfigureAwait(false);
            var records = page.Records.Where(record => record.Version <= acknowledgedHead).ToList();
            return StandbyPage.IsWhole(records.Select(record => record.Version).ToList(), cursor, limit, descending, acknowledgedHead, page.ReachedByteBound)
                ? new JournalPage(records, page.ReachedByteBound) { FromStandby = true }
                : null;
        }
        catch (NpgsqlException)
        {
            return null; // a standby going away mid-read: the primary answers
        }
    }
}
