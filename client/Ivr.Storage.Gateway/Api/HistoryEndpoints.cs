using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// Versions, history pages, diffs and verification: immutable facts about an entity's chain. <c>?schema=latest</c>
/// shows payloads upcast to the type's latest schema (each item's <c>shownAtSchemaVersion</c> says so); the stored
/// <c>schemaVersion</c> and the hashes stay those of the stored bytes.
/// </summary>
internal static class HistoryEndpoints
{
    public static async Task<IResult> GetHistoryAsync(
        HttpContext context,
        IEntityStore store,
        ISchemaRegistry schemas,
        [FromQuery] string? cursor,
        [FromQuery] string? limit,
        [FromQuery] string? order,
        [FromQuery] string? payloads,
        [FromQuery] string? schema,
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
        var latest = QueryArguments.LatestSchema(schema);
        var page = latest
            ? await schemas.GetHistoryPageAtLatestSchemaAsync(key, query, cancellationToken)
            : await store.GetHistoryPageAsync(key, query, cancellationToken);
        var next = page.NextCursor is null ? null : NextLink(key, query, page.NextCursor, latest);
        if (next is not null)
        {
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(new HistoryResponse([.. page.Items.Select(VersionResponse.From)], page.NextCursor, next));
    }

    public static async Task<IResult> GetVersionAsync(
        HttpContext context, IEntityStore store, ISchemaRegistry schemas, string version, [FromQuery] string? schema, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var number = QueryArguments.RequiredVersion(version, "version");
        var record = QueryArguments.LatestSchema(schema)
            ? await schemas.GetVersionAtLatestSchemaAsync(key, number, cancellationToken)
            : await store.GetVersionAsync(key, number, cancellationToken);
        // A version never changes: its tag is as strong as the entity's.
        context.Response.Headers.ETag = Preconditions.ETag(record.Version);
        return TypedResults.Ok(VersionResponse.From(record));
    }

    public static async Task<IResult> DiffAsync(
        HttpContext context, IEntityStore store, ISchemaRegistry schemas, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? schema, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var (fromVersion, toVersion) = (QueryArguments.RequiredVersion(from, "from"), QueryArguments.RequiredVersion(to, "to"));
        var diff = QueryArguments.LatestSchema(schema)
            ? await schemas.DiffAtLatestSchemaAsync(key, fromVersion, toVersion, cancellationToken)
            : await store.DiffAsync(key, fromVersion, toVersion, cancellationToken);
        return TypedResults.Ok(new DiffResponse(diff.Key.Type, diff.Key.Id, diff.FromVersion, diff.ToVersion, Json.Embed(diff.Patch)!.Value, diff.ShownAtSchemaVersion));
    }

    public static async Task<IResult> VerifyAsync(HttpContext context, IEntityStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.VerifyAsync(EntityRoute.Key(context), cancellationToken));

    private static string NextLink(EntityKey key, HistoryQuery query, string cursor, bool latestSchema) =>
        $"{EntityRoute.Location(key)}/versions?cursor={Uri.EscapeDataString(cursor)}&limit={query.PageSize}&order={(query.NewestFirst ? "desc" : "asc")}&payloads={(query.IncludePayloads ? "true" : "false")}"
        + (latestSchema ? "&schema=latest" : string.Empty);
}
