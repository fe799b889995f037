using System.Runtime.CompilerServices;
using Ivr.Storage.Client.Resilience;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(200);

    private IChangeFeedGrain Feed => _grains.GetGrain<IChangeFeedGrain>(0);

    /// <inheritdoc />
    public Task<ChangePage> ReadAsync(FeedPosition after, int limit = 100, CancellationToken cancellationToken = default) =>
        CallAsync(Feed, retrySafe: true, grain => grain.Read(after, limit), cancellationToken);

    /// <inheritdoc />
    public Task<ChangePage> ReadAsync(FeedPosition after, int limit, ChangeFeedFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Unfiltered reads keep to the original grain method, which silos of every version answer (rolling upgrades).
        return filter == ChangeFeedFilter.Everything
            ? ReadAsync(after, limit, cancellationToken)
            : CallAsync(Feed, retrySafe: true, grain => grain.Read(after, limit, filter), cancellationToken);
    }

    /// <inheritdoc />
    public Task<FeedPosition> GetHorizonAsync(CancellationToken cancellationToken = default) =>
        CallAsync(Feed, retrySafe: true, grain => grain.ReadHorizon(), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ChangeEvent> FollowAsync(FeedPosition? after = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default) =>
        FollowAsync(ChangeFeedFilter.Everything, after, pollInterval, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChangeEvent> FollowAsync(ChangeFeedFilter filter, FeedPosition? after = null, TimeSpan? pollInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var position = after ?? await GetHorizonAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var page = await ReadAsync(position, IChangeFeedGrain.MaxPageSize, filter, cancellationToken).ConfigureAwait(false);
            foreach (var change in page.Changes)
            {
                yield return change;
            }

            position = page.Next;
            // A page cut short by a bound (payload bytes, rows examined for a filter) has more right behind it.
            if (!page.HasMore && page.Changes.Count < IChangeFeedGrain.MaxPageSize)
            {
                await Task.Delay(pollInterval ?? DefaultPollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChangeEvent> SubscribeAsync(string name, int checkpointEvery = 100, TimeSpan? pollInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "name", "A subscription needs a name.");
        }

        if (checkpointEvery < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "checkpointEvery", $"checkpointEvery must be at least 1; got {checkpointEvery}.");
        }

        // FeedSubscription calls the grains itself, outside the pipeline: its failures are only translated, never
        // retried here, because a resumed subscription restarts from its checkpoint and the caller must see that.
        var changes = FeedSubscription.FollowAsync(_grains, name, checkpointEvery, pollInterval ?? DefaultPollInterval, _timeProvider, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (changes.ConfigureAwait(false))
        {
            while (await NextAsync(changes, cancellationToken).ConfigureAwait(false))
            {
                yield return changes.Current;
            }
        }
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<ChangeEvent> changes, CancellationToken cancellationToken)
    {
        try
        {
            return await changes.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (TransientClusterErrors.Translate(exception, cancellationToken) is var translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
    }
}
