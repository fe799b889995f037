using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>Writes and reads through the external Orleans client, straight to the entity grain and the change-feed grain.</summary>
public sealed class ClientEntityCalls(IClusterClient client, string scenario) : IEntityCalls
{
    public async Task<WriteAnswer> WriteAsync(WriteRequest request)
    {
        var grain = client.GetGrain<IEntityGrain>(request.Key.ToGrainKey());
        try
        {
            var options = request.Options(scenario);
            var result = request.Kind == WriteKind.Delete ? await grain.Delete(options) : await grain.Put(request.Payload!, options);
            return result.Deleted == (request.Kind == WriteKind.Delete)
                ? WriteAnswer.Acknowledged(result.Version, result.Hash)
                : WriteAnswer.Failed(WriteOutcome.Unexpected, $"a {request.Kind} was acknowledged as version {result.Version} with deleted = {result.Deleted}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return WriteAnswer.Failed(Classify(ex, request.Kind), $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public async Task<ReadAnswer> ReadAsync(EntityKey key)
    {
        try
        {
            var state = await client.GetGrain<IEntityGrain>(key.ToGrainKey()).GetCurrent();
            return ReadAnswer.Found(new ReadObservation(key, state.Version, state.Hash, state.Deleted));
        }
        catch (EntityNotFoundException)
        {
            return ReadAnswer.NotFound;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ReadAnswer.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public async Task<HistoryAnswer> ReadHistoryAsync(EntityKey key, bool newestFirst, int pageSize)
    {
        try
        {
            var page = await client.GetGrain<IEntityGrain>(key.ToGrainKey()).GetHistory(new HistoryQuery { PageSize = pageSize, NewestFirst = newestFirst });
            var versions = page.Items.Select(v => new ReadObservation(v.Key, v.Version, v.Hash, v.Deleted)).ToList();
            return new HistoryAnswer(new HistoryPageObservation(Transport.Client, key, newestFirst, versions), null);
        }
        catch (EntityNotFoundException)
        {
            return new HistoryAnswer(null, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new HistoryAnswer(null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public async Task<FeedPageAnswer> ReadChangesAsync(FeedPosition after, int limit)
    {
        try
        {
            var page = await Feed.Read(after, limit);
            var changes = page.Changes.Select(c => new FeedObservation(Transport.Client, c.Key, c.Version, c.Position, c.Hash)).ToList();
            return new FeedPageAnswer(changes, page.Next, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new FeedPageAnswer(null, after, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Where a follower starts to see only what commits from now on; null when the cluster did not answer.</summary>
    public async Task<FeedPosition?> ReadHorizonAsync()
    {
        try
        {
            return await Feed.ReadHorizon();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    // Key 0, as the client library's EntityStore uses: a stateless worker, so any silo answers.
    private IChangeFeedGrain Feed => client.GetGrain<IChangeFeedGrain>(0);

    private static WriteOutcome Classify(Exception ex, WriteKind kind) => ex switch
    {
        ConcurrencyConflictException => WriteOutcome.ConcurrencyConflict,
        EntityValidationException => WriteOutcome.Validation,
        // A delete of an entity that is not there (any more) is refused; a put never is.
        EntityNotFoundException or EntityDeletedException when kind == WriteKind.Delete => WriteOutcome.Gone,
        TimeoutException => WriteOutcome.Timeout,
        // None of these can answer a well-formed put with a fresh idempotency key.
        IdempotencyConflictException or EntityNotFoundException or EntityDeletedException => WriteOutcome.Unexpected,
        _ => WriteOutcome.Error,
    };
}
