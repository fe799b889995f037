using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/correlations/versions?id=</c>: the versions, of any entity, that carry one correlation id. Any authenticated
/// caller; only versions of types the caller may read are listed, filtered in the database. The id is a query
/// parameter, not a path segment, so that any id (slashes, dots) arrives decoded exactly once.
/// </summary>
internal static class CorrelationsApi
{
    public static IEndpointRouteBuilder MapCorrelationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/correlations")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Correlations")
            .MapGet("/versions", CorrelationEndpoints.FindAsync)
            .WithName("VersionsByCorrelation")
            .WithSummary("Versions whose provenance carries correlation id ?id=, newest first, ?limit= (1-200, default 50), ?cursor=; no payloads.")
            .WithDescription("Only versions of types the caller may read are listed (filtered in the database, so pages are never short for it); "
                + "a caller without any read scope gets an empty page.")
            .Produces<CorrelatedVersionsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
