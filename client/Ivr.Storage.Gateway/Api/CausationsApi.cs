using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/causations/{messageId}/versions</c>: lookup by message (issue 20), the versions a RabbitMQ command (or any write
/// carrying <c>X-Causation-Id</c>) caused. Any authenticated caller; versions are filtered, in the database, to the
/// types the caller may read, so a caller learns nothing of other types' versions, not even that they exist.
/// </summary>
internal static class CausationsApi
{
    public static IEndpointRouteBuilder MapCausationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/causations")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Changes")
            .MapGet("/{messageId}/versions", CausationEndpoints.FindAsync)
            .WithName("FindCausedVersions")
            .WithSummary("The versions whose causation id is {messageId} (percent-encode it), in key order, without payloads; ?limit= (1-1000, default 100), ?cursor=.")
            .WithDescription("Only versions of ?types= (comma-separated; each needs read scope, else 403), or of every type the caller may read, are listed. "
                + "Pass 'nextCursor' as ?cursor= for the next page; it is absent on the last page. Each version is a CloudEvent as on /changes.")
            .Produces<CausedVersionsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
