using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Feed;

/// <summary>Reads the change feed from the journal. Stateless: every silo runs local workers, nothing to coordinate.</summary>
[StatelessWorker]
internal sealed class ChangeFeedGrain(IChangeFeedSource feed) : Grain, IChangeFeedGrain
{
    public Task<FeedPosition> ReadHorizon() => feed.ReadHorizonAsync();

    public async Task<ChangePage> Read(FeedPosition after, int limit)
    {
        if (limit is < 1 or > IChangeFeedGrain.MaxPageSize)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "limit", $"limit must be between 1 and {IChangeFeedGrain.MaxPageSize}; got {limit}.");
        }

        var entries = await feed.ReadAsync(after, limit);
        return new ChangePage
        {
            Changes = entries.Select(entry => entry.ToChangeEvent()).ToArray(),
            Next = entries.Count > 0 ? entries[^1].Position : after,
        };
    }
}
