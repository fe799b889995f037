using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Feed;

/// <summary>Lookup by message from the journal's causation index. Stateless: every silo runs local workers.</summary>
[StatelessWorker]
internal sealed class CausationLookupGrain(ICausationSource source) : Grain, ICausationLookupGrain
{
    public async Task<CausedVersionsPage> Find(CausationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var after = CausationCursor.Decode(query.Cursor);
        // One row more than asked tells whether another page follows, without a count.
        var entries = await source.ReadCausedAsync(query.CausationId, query.Types, after?.Key, after?.Version ?? 0, query.Limit + 1);
        var page = entries.Take(query.Limit).Select(entry => entry.ToChangeEvent()).ToArray();
        return new CausedVersionsPage
        {
            Versions = page,
            NextCursor = entries.Count > query.Limit ? CausationCursor.Encode(page[^1].Key, page[^1].Version) : null,
        };
    }
}
