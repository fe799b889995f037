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
    public static async Task<IResult> PutAsync(HttpContext context, IEntityStore store, IOptions<HttpGatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = FromHeaders(context, options.Value);
        var body = await RequestBody.ReadAsync(context.Request, RequestBody.Json, options.Value, cancellationToken);
        var result = await store.PutAsync(key, body, write, cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETag(result.Version);
        FeedHeaders.SetFeedPosition(context.Response, result);
        // Version 1 is a creation; a put after a delete continues the numbering and counts as a replacement.
        return result.Version == 1
            ? TypedResults.Created(EntityRoute.Location(key), WriteResponse.From(result))
            : TypedResults.Ok(WriteResponse.From(result));
    }

    public static async Task<IResult> PatchAsync(HttpContext context, IEntityStore store, IOptions<HttpGatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = FromHeaders(context, options.Value);
        var body = await RequestBody.ReadAsync(context.Request, RequestBody.MergePatch, options.Value, cancellationToken);
        return Answer(context, await store.PatchAsync(key, body, write, cancellationToken));
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, IEntityStore store, IOptions<HttpGatewayOptions> options, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var write = FromHeaders(context, options.Value);
        return Answer(context, await store.DeleteAsync(key, write, cancellationToken));
    }

    public static async Task<IResult> RevertAsync(HttpContext context, IEntityStore store, IOptions<HttpGatewayOptions> options, string version, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var target = QueryArguments.RequiredVersion(version, "version");
        var write = FromHeaders(context, options.Value);
        return Answer(context, await store.RevertAsync(key, target, write, cancellationToken));
    }

    private static IResult Answer(HttpContext context, WriteResult result)
    {
        context.Response.Headers.ETag = Preconditions.ETag(result.Version);
        FeedHeaders.SetFeedPosition(context.Response, result);
        return TypedResults.Ok(WriteResponse.From(result));
    }

    /// <summary>The write's options from its headers; <c>If-Match: *</c> is <see cref="ExpectedVersion.Exists"/>, checked by the grain, so nothing is read first.</summary>
    private static EntityWriteOptions FromHeaders(HttpContext context, HttpGatewayOptions options) =>
        WriteHeaders.Read(context.Request, context.User, Preconditions.ForWrite(context.Request, options));
}
