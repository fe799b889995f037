using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Versions, history pages, diffs and verification: immutable facts about an entity's chain.</summary>
internal static class HistoryEndpoints
{
    public static async Task<IResult> GetHistoryAsync(
        HttpContext context,
        IEntityStore store,
        [FromQuery] string? cursor,
        [FromQuery] string? limit,
        [FromQuery] string? order,
        [FromQuery] string? payloads,
        CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var query = new HistoryQuery
        {
            Cursor = cursor,
            PageSize = QueryArguments.OptionalInt(limit, "limit") ?? 100,
            NewestFirst = QueryArguments.NewestFirst(order),
            IncludePayloads = QueryArguments.OptionalBool(payloads, "payloads"),
        };
        var page = await store.GetHistoryPageAsync(key, query, cancellationToken);
        var next = page.NextCursor is null ? null : NextLink(key, query, page.NextCursor);
        if (next is not null)
        {
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(new HistoryResponse([.. page.Items.Select(VersionResponse.From)], page.NextCursor, next));
    }

    public static async Task<IResult> GetVersionAsync(HttpContext context, IEntityStore store, string version, CancellationToken cancellationToken)
    {
        var record = await store.GetVersionAsync(EntityRoute.Key(context), QueryArguments.RequiredVersion(version, "version"), cancellationToken);
        // A version never changes: its tag is as strong as the entity's.
        context.Response.Headers.ETag = Preconditions.ETag(record.Version);
        return TypedResults.Ok(VersionResponse.From(record));
    }

    public static async Task<IResult> DiffAsync(HttpContext context, IEntityStore store, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var diff = await store.DiffAsync(
            EntityRoute.Key(context), QueryArguments.RequiredVersion(from, "from"), QueryArguments.RequiredVersion(to, "to"), cancellationToken);
        return TypedResults.Ok(new DiffResponse(diff.Key.Type, diff.Key.Id, diff.FromVersion, diff.ToVersion, Json.Embed(diff.Patch)!.Value));
    }

    public static async Task<IResult> VerifyAsync(HttpContext context, IEntityStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.VerifyAsync(EntityRoute.Key(context), cancellationToken));

    private static string NextLink(EntityKey key, HistoryQuery query, string cursor) =>
        $"{EntityRoute.Location(key)}/versions?cursor={Uri.EscapeDataString(cursor)}&limit={query.PageSize}&order={(query.NewestFirst ? "desc" : "asc")}&payloads={(query.IncludePayloads ? "true" : "false")}";
}
