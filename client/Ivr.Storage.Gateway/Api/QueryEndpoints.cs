using Ivr.Storage.Security.Scopes;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Listings, search and statistics from the read model; every answer names its position (body and <c>X-Read-Model-Position</c>).</summary>
internal static class QueryEndpoints
{
    public static async Task<IResult> ListAsync(
        HttpContext context,
        IReadModel readModel,
        string type,
        [FromQuery] string? contains,
        [FromQuery] string? order,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        [FromQuery] string? includeDeleted,
        [FromQuery] string? minPosition,
        CancellationToken cancellationToken)
    {
        var query = new EntityListQuery
        {
            Type = type,
            Contains = QueryArguments.OptionalJsonObject(contains, "contains"),
            OldestFirst = QueryArguments.OldestFirst(order),
            PageSize = QueryArguments.OptionalInt(limit, "limit") ?? 50,
            Cursor = cursor,
            IncludeDeleted = QueryArguments.OptionalBool(includeDeleted, "includeDeleted"),
            MinPosition = QueryArguments.OptionalPosition(minPosition, "minPosition"),
        };
        var page = await WaitingAsync(query.MinPosition, () => readModel.ListAsync(query, cancellationToken));
        var position = FeedHeaders.SetReadModelPosition(context.Response, page.Position);
        var next = page.NextCursor is null ? null : NextLink(query, page.NextCursor);
        if (next is not null)
        {
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return TypedResults.Ok(new EntityListResponse(type, [.. page.Items.Select(ReadModelEntityResponse.From)], page.NextCursor, next, position));
    }

    public static async Task<IResult> SearchAsync(
        HttpContext context,
        IReadModel readModel,
        [FromQuery] string? q,
        [FromQuery] string? type,
        [FromQuery] string? limit,
        [FromQuery] string? minPosition,
        CancellationToken cancellationToken)
    {
        // Without a type, the page limit and the source facet span every type, so filtering afterwards would
        // return short pages and leak counts: searching all types needs a read scope on all types.
        var allowed = type is null ? EntityScopes.AllowsEveryType(context.User, EntityAccess.Read) : EntityScopes.Allows(context.User, EntityAccess.Read, type);
        if (!allowed)
        {
            var required = EntityScopes.Required(EntityAccess.Read, type ?? "*");
            throw new GatewayProblemException(StatusCodes.Status403Forbidden, "forbidden", "The caller lacks the scope for this operation",
                $"Searching {(type is null ? "all types (no ?type=)" : $"type '{type}'")} needs scope '{required}' (or an admin scope covering it).");
        }

        var min = QueryArguments.OptionalPosition(minPosition, "minPosition");
        var result = await WaitingAsync(min, () => readModel.SearchAsync(q ?? string.Empty, type, QueryArguments.OptionalInt(limit, "limit") ?? 20, min, cancellationToken));
        var position = FeedHeaders.SetReadModelPosition(context.Response, result.Position);
        return TypedResults.Ok(new SearchResponse([.. result.Items.Select(ReadModelEntityResponse.From)], result.ByType, result.BySource, position, result.FacetsTruncated));
    }

    public static async Task<IResult> StatisticsAsync(HttpContext context, IReadModel readModel, [FromQuery] string? minPosition, CancellationToken cancellationToken)
    {
        var min = QueryArguments.OptionalPosition(minPosition, "minPosition");
        var statistics = await WaitingAsync(min, () => readModel.GetStatisticsAsync(min, cancellationToken));
        var position = FeedHeaders.SetReadModelPosition(context.Response, statistics.Position);
        // Every count belongs to exactly one type, so filtering by the caller's read scopes is exact.
        bool Readable(string type) => EntityScopes.Allows(context.User, EntityAccess.Read, type);
        return TypedResults.Ok(new StatisticsResponse(
            statistics.EntitiesByType.Where(pair => Readable(pair.Key)).ToDictionary(StringComparer.Ordinal),
            [.. statistics.Hourly.Where(hour => Readable(hour.Type))],
            position));
    }

    /// <summary>With a minimum position, "unavailable" most likely means the read model has not caught up yet: say so.</summary>
    private static async Task<T> WaitingAsync<T>(FeedPosition? minPosition, Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (StoreUnavailableException) when (minPosition is { } wanted)
        {
            throw new GatewayProblemException(StatusCodes.Status503ServiceUnavailable, "read-model-behind", "The read model has not reached the requested position",
                $"The read model did not reach position {wanted} in time (or could not be queried); retry after the Retry-After delay.");
        }
    }

    private static string NextLink(EntityListQuery query, string cursor)
    {
        var link = $"/query/entities/{Uri.EscapeDataString(query.Type)}?cursor={Uri.EscapeDataString(cursor)}&limit={query.PageSize}&order={(query.OldestFirst ? "oldest" : "newest")}";
        link += query.IncludeDeleted ? "&includeDeleted=true" : string.Empty;
        return query.Contains is null ? link : $"{link}&contains={Uri.EscapeDataString(query.Contains)}";
    }
}
