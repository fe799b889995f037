using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// PUT, PATCH, DELETE and revert. Each answers with the new version as ETag, its feed position as <c>X-Feed-Position</c>
/// and a <see cref="WriteResponse"/>.
/// </summary>
internal static class EntityWriteEndpoints
{
    public static async Task<IResult> PutAsync(HttpContext context, IEntityStore store, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = await WriteOptionsAsync(context, store, key, options.Value, cancellationToken);
        var body = await RequestBody.ReadAsync(context.Request, RequestBody.Json, options.Value, cancellationToken);
        var result = await store.PutAsync(key, body, write, cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETag(result.Version);
        FeedHeaders.SetFeedPosition(context.Response, result);
        // Version 1 is a creation; a put after a delete continues the numbering and counts as a replacement.
        return result.Version == 1
            ? TypedResults.Created(EntityRoute.Location(key), WriteResponse.From(result))
            : TypedResults.Ok(WriteResponse.From(result));
    }

    public static async Task<IResult> PatchAsync(HttpContext context, IEntityStore store, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = await WriteOptionsAsync(context, store, key, options.Value, cancellationToken);
        var body = await RequestBody.ReadAsync(context.Request, RequestBody.MergePatch, options.Value, cancellationToken);
        return Answer(context, await store.PatchAsync(key, body, write, cancellationToken));
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, IEntityStore store, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = await WriteOptionsAsync(context, store, key, options.Value, cancellationToken);
        return Answer(context, await store.DeleteAsync(key, write, cancellationToken));
    }

    public static async Task<IResult> RevertAsync(HttpContext context, IEntityStore store, IOptions<GatewayOptions> options, string version, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var target = QueryArguments.RequiredVersion(version, "version");
        var write = await WriteOptionsAsync(context, store, key, options.Value, cancellationToken);
        return Answer(context, await store.RevertAsync(key, target, write, cancellationToken));
    }

    private static IResult Answer(HttpContext context, WriteResult result)
    {
        context.Response.Headers.ETag = Preconditions.ETag(result.Version);
        FeedHeaders.SetFeedPosition(context.Response, result);
        return TypedResults.Ok(WriteResponse.From(result));
    }

    private static async Task<EntityWriteOptions> WriteOptionsAsync(HttpContext context, IEntityStore store, EntityKey key, GatewayOptions options, CancellationToken cancellationToken)
    {
        var precondition = Preconditions.ForWrite(context.Request, options);
        var expected = precondition.Expected;
        if (precondition.MustExist)
        {
            // If-Match: * — pin the version seen now, so the write still fails if the entity changes or goes away meanwhile.
            expected = ExpectedVersion.Exactly(await CurrentVersionAsync(store, key, cancellationToken));
        }

        return WriteHeaders.Read(context.Request, context.User, expected);
    }

    private static async Task<long> CurrentVersionAsync(IEntityStore store, EntityKey key, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.GetAsync(key, cancellationToken)).Version;
        }
        catch (Exception exception) when (exception is EntityNotFoundException or EntityDeletedException)
        {
            var actual = exception is EntityDeletedException deleted ? deleted.DeletedVersion : 0;
            throw new ConcurrencyConflictException(key, ExpectedVersion.Any, actual);
        }
    }
}
