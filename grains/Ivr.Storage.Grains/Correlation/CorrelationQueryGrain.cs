using System.Globalization;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Correlation;

/// <summary>
/// Versions by correlation id, read from the journal's partial index (migration 0012). Stateless and reentrant: a
/// query waiting on the database must not hold up the ones behind it. The cursor is the last row's insert position.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class CorrelationQueryGrain(IEntityJournal journal) : Grain, ICorrelationQueryGrain
{
    public async Task<CorrelatedVersionsPage> Find(CorrelationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.CorrelationId) || query.CorrelationId.Length > Provenance.MaxFieldLength)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "correlationId",
                $"A correlation id has 1 to {Provenance.MaxFieldLength} characters.");
        }

        if (query.PageSize is < 1 or > CorrelationQuery.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"Page size must be between 1 and {CorrelationQuery.MaxPageSize}; got {query.PageSize}.");
        }

        new ChangeFeedFilter { Types = query.Types }.Validate();
        var before = ParseCursor(query.Cursor);
        if (query.Types is { Count: 0 })
        {
            return new CorrelatedVersionsPage { Items = [] };
        }

        // One row more than the page says whether another page follows, so the last page never ends with a cursor.
        var rows = await journal.ReadByCorrelationAsync(query.CorrelationId, query.Types, before, query.PageSize + 1);
        var items = rows.Take(query.PageSize).ToList();
        return new CorrelatedVersionsPage
        {
            Items = [.. items.Select(row => row.ToVersionRecord())],
            NextCursor = rows.Count > query.PageSize ? items[^1].Position.ToString(CultureInfo.InvariantCulture) : null,
        };
    }

    private static long ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return long.MaxValue;
        }

        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position > 0
            ? position
            : throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "cursor", "The cursor is not one this query returned.");
    }
}
