using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// A read model whose queries wait until the test lets them go (as queries waiting for a minimum position do), and
/// report each arrival, so a test knows which requests the gateway let through. <see cref="Fail"/> makes every query
/// fail instead.
/// </summary>
public sealed class HeldReadModel : IReadModel
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _arrivals = new(0);

    public Exception? Fail { get; init; }

    /// <summary>Lets every held query (and every later one) answer.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Waits (bounded) until <paramref name="count"/> more queries have arrived.</summary>
    public async Task ArrivedAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _arrivals.WaitAsync(TimeSpan.FromSeconds(30)), "a query the gateway let through never arrived");
        }
    }

    public Task<EntityListPage> ListAsync(EntityListQuery query, CancellationToken cancellationToken = default) =>
        AnswerAsync(position => new EntityListPage { Items = [], Position = position });

    public Task<SearchResult> SearchAsync(string text, string? type = null, int limit = 20, FeedPosition? minPosition = null, CancellationToken cancellationToken = default) =>
        AnswerAsync(position => new SearchResult { Items = [], ByType = new Dictionary<string, long>(), BySource = new Dictionary<string, long>(), Position = position });

    public Task<StoreStatistics> GetStatisticsAsync(FeedPosition? minPosition = null, CancellationToken cancellationToken = default) =>
        AnswerAsync(position => new StoreStatistics { EntitiesByType = new Dictionary<string, long>(), Hourly = [], Position = position });

    private async Task<T> AnswerAsync<T>(Func<FeedPosition, T> answer)
    {
        _arrivals.Release();
        if (Fail is { } failure)
        {
            throw failure;
        }

        await _released.Task;
        return answer(FeedPosition.Start);
    }
}
