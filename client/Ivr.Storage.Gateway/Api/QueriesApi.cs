using Ivr.Storage.Security.Scopes;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/query</c>: listings, search and statistics from the read model. <c>?minPosition=</c> (a write's
/// <c>X-Feed-Position</c>) waits briefly until the read model reflects that write; if it does not in time, 503 with Retry-After;
/// a position beyond the change feed's head is 400, and more than <c>Gateway:MinPositionWaitsPerCaller</c> such
/// requests of one caller at once get 429.
/// </summary>
internal static class QueriesApi
{
    public static IEndpointRouteBuilder MapQueriesApi(this IEndpointRouteBuilder app)
    {
        var queries = app.MapGroup("/query")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .AddEndpointFilter<MinPositionWaitLimit>()
            .WithTags("Queries")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
        queries.MapGet("/entities/{type}", QueryEndpoints.ListAsync)
            .AddEndpointFilter(EntityScopeFilter.OnRouteType(EntityAccess.Read))
            .WithName("ListEntities")
            .WithSummary("Entities of a type: ?contains={json} (payload containment), order=newest|oldest, limit (1-500, default 50), cursor, includeDeleted, minPosition.")
            .Produces<EntityListResponse>();
        queries.MapGet("/search", QueryEndpoints.SearchAsync)
            .WithName("Search")
            .WithSummary("Entities whose payload strings contain every word of ?q=, with facets by type and source; ?type=, limit (1-500, default 20), minPosition.")
            .WithDescription("With ?type= the type's read scope suffices; without it the caller needs a read scope on every type (entities:read:* or entities:admin:*).")
            .Produces<SearchResponse>();
        queries.MapGet("/statistics", QueryEndpoints.StatisticsAsync)
            .WithName("Statistics")
            .WithSummary("Live entities per type and versions per type, source and hour; ?minPosition=. Only types the caller may read are shown.")
            .Produces<StatisticsResponse>();
        return app;
    }
}
