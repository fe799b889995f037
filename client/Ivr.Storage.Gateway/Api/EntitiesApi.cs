using Ivr.Storage.Security.Scopes;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/entities/{type}/{id}</c>: current state, writes, versions, history, diff and verification. Every route needs
/// an authenticated caller with the scope for the operation on that type; ids are percent-encoded (see EntityRoute).
/// </summary>
internal static class EntitiesApi
{
    public static IEndpointRouteBuilder MapEntitiesApi(this IEndpointRouteBuilder app)
    {
        var entity = app.MapGroup("/entities/{type}/{id}")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .WithTags("Entities")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var reads = entity.MapGroup(string.Empty)
            .AddEndpointFilter(EntityScopeFilter.OnEntityKey(EntityAccess.Read))
            .RequireRateLimiting(GatewayRateLimiting.Reads);
        reads.MapGet(string.Empty, EntityReadEndpoints.GetAsync)
            .WithName("GetEntity").WithSummary("Current payload (or the one in effect at ?asOf=, or upcast to the type's latest schema with ?schema=latest); ETag is the version.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        reads.MapGet("/versions", HistoryEndpoints.GetHistoryAsync)
            .WithName("GetHistory").WithSummary("One page of history: ?cursor=&limit=&order=asc|desc&payloads=true.")
            .Produces<HistoryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/versions/{version}", HistoryEndpoints.GetVersionAsync)
            .WithName("GetVersion").WithSummary("One version with payload and provenance.")
            .Produces<VersionResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/diff", HistoryEndpoints.DiffAsync)
            .WithName("Diff").WithSummary("JSON Patch from version ?from= to version ?to=.")
            .Produces<DiffResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapMethods("/verify", [HttpMethods.Get, HttpMethods.Post], HistoryEndpoints.VerifyAsync)
            .WithName("Verify").WithSummary("Recomputes the entity's hash chain from the journal.")
            .Produces<Contracts.VerificationResult>();

        var writes = entity.MapGroup(string.Empty)
            .AddEndpointFilter(EntityScopeFilter.OnEntityKey(EntityAccess.Write))
            .RequireRateLimiting(GatewayRateLimiting.Writes)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        writes.MapPut(string.Empty, EntityWriteEndpoints.PutAsync)
            .WithName("PutEntity").WithSummary("Creates (201) or replaces (200) the payload. If-Match: \"n\" / If-None-Match: *, Idempotency-Key.")
            .Accepts<object>("application/json").Produces<WriteResponse>(StatusCodes.Status201Created).Produces<WriteResponse>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        writes.MapPatch(string.Empty, EntityWriteEndpoints.PatchAsync)
            .WithName("PatchEntity").WithSummary("Applies a JSON Merge Patch (application/merge-patch+json).")
            .Accepts<object>("application/merge-patch+json").Produces<WriteResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        writes.MapDelete(string.Empty, EntityWriteEndpoints.DeleteAsync)
            .WithName("DeleteEntity").WithSummary("Writes a tombstone; history stays.")
            .Produces<WriteResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        writes.MapPost("/versions/{version}/revert", EntityWriteEndpoints.RevertAsync)
            .WithName("RevertEntity").WithSummary("Writes a new version with the payload of an earlier one.")
            .Produces<WriteResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
