using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Schemas;
using Ivr.Storage.Journal.Feed;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Feed;

/// <summary>Reads the change feed from the journal. Stateless: every silo runs local workers, nothing to coordinate.</summary>
[StatelessWorker]
internal sealed class ChangeFeedGrain(IChangeFeedSource feed, LatestSchemaView schemas) : Grain, IChangeFeedGrain
{
    public Task<FeedPosition> ReadHorizon() => feed.ReadHorizonAsync();

    public Task<ChangePage> Read(FeedPosition after, int limit) => Read(after, limit, ChangeFeedFilter.Everything);

    public async Task<ChangePage> Read(FeedPosition after, int limit, ChangeFeedFilter filter)
    {
        if (limit is < 1 or > IChangeFeedGrain.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"limit must be between 1 and {IChangeFeedGrain.MaxPageSize}; got {limit}.");
        }

        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate();
        var page = await feed.ReadAsync(after, limit, filter);
        var changes = page.Entries.Select(entry => entry.ToChangeEvent()).ToArray();
        if (filter.AtLatestSchema && filter.IncludePayloads)
        {
            for (var i = 0; i < changes.Length; i++)
            {
                changes[i] = await ShowAtLatestAsync(changes[i]);
            }
        }

        return new ChangePage
        {
            Changes = changes,
            Next = page.Next,
            HasMore = page.HasMore,
        };
    }

    private async Task<ChangeEvent> ShowAtLatestAsync(ChangeEvent change)
    {
        if (change.Payload is not { } payload || await schemas.LatestAsync(change.Key.Type) is not { } latest)
        {
            return change;
        }

        try
        {
            var shown = await schemas.UpcastAsync(change.Key, change.Version, payload, change.PayloadSchemaVersion, latest);
            return change with { Payload = shown ?? payload, ShownAtSchemaVersion = checked((int)latest) };
        }
        catch (EntityValidationException)
        {
            // One payload an upcaster cannot reshape must not stop every follower: it arrives as stored, and says so.
            return change;
        }
    }
}
