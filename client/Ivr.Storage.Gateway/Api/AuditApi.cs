using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The transparency log (issue 21): <c>/entities/{type}/{id}/versions/{n}/proof?treeSize=</c> (the type's read scope),
/// <c>/log/heads/latest</c> and <c>/log/consistency?from=&amp;to=</c> (read on every type: a head counts all writes),
/// <c>/export?type=&amp;from=&amp;to=&amp;treeSize=</c> (the type's read scope, or read on every type without a type).
/// </summary>
internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/entities/{type}/{id}")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .AddEndpointFilter(EntityScopeFilter.OnEntityKey(EntityAccess.Read))
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Audit")
            .MapGet("/versions/{version}/proof", AuditEndpoints.ProveVersionAsync)
            .WithName("ProveVersion").WithSummary("Inclusion proof of a version in the signed head of ?treeSize= (default: the latest head).")
            .Produces<VersionProofResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var log = app.MapGroup("/log")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Audit")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        log.MapGet("/heads/latest", AuditEndpoints.LatestHeadAsync)
            .WithName("LatestHead").WithSummary("The newest signed tree head.")
            .Produces<LogHeadResponse>();
        log.MapGet("/consistency", AuditEndpoints.ConsistencyAsync)
            .WithName("Consistency").WithSummary("Proof that the head of ?to= extends the head of ?from=.")
            .Produces<ConsistencyProofResponse>();
        app.MapGet("/export", AuditEndpoints.ExportAsync)
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Audit")
            .WithName("Export").WithSummary("NDJSON export of the versions of ?type= (every type if absent) among leaves ?from= to ?to= of the head of ?treeSize=, each with its inclusion proof.")
            .Produces(StatusCodes.Status200OK, contentType: AuditExportStream.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
