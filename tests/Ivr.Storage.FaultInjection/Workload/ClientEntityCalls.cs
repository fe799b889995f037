using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>Writes and reads through the external Orleans client, straight to the entity grain.</summary>
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
