using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Feed;

/// <summary>Reads the change feed from the journal. Stateless: every silo runs local workers, nothing to coordinate.</summary>
[StatelessWorker]
internal sealed class ChangeFeedGrain(IChangeFeedSource feed) : Grain, IChangeFeedGrain
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
        return new ChangePage
        {
            Changes = page.Entries.Select(entry => entry.ToChangeEvent()).ToArray(),
            Next = page.Next,
            HasMore = page.HasMore,
        };
    }
}
