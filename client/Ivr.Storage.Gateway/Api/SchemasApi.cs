using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/schemas/{type}</c>: the type's JSON Schema, kept as versions of the entity <c>_schema/{type}</c>. Changing it
/// needs <c>schemas:admin:{type}</c> (no entities scope grants it); reading it, <c>entities:read:{type}</c>.
/// </summary>
internal static class SchemasApi
{
    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var schemas = app.MapGroup("/schemas/{type}")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .WithTags("Schemas")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        schemas.MapPut(string.Empty, SchemaEndpoints.PutAsync)
            .AddEndpointFilter(EntityScopeFilter.OnRouteType(EntityAccess.AdministerSchema))
            .RequireRateLimiting(GatewayRateLimiting.Writes)
            .WithName("PutSchema").WithSummary("Registers the next schema version: {\"schema\":{…draft 2020-12…},\"compatibility\":\"backward\"|\"none\",\"upcast\":[…JSON Patch…]}; ?dryRun=true reports the compatibility gate's check without registering, ?force=true registers past it (audited).")
            .Produces<WriteResponse>(StatusCodes.Status201Created).Produces<WriteResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var reads = schemas.MapGroup(string.Empty)
            .AddEndpointFilter(EntityScopeFilter.OnRouteType(EntityAccess.Read))
            .RequireRateLimiting(GatewayRateLimiting.Reads);
        reads.MapGet(string.Empty, SchemaEndpoints.GetAsync)
            .WithName("GetSchema").WithSummary("The current schema definition; ETag is the schema version.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        reads.MapGet("/versions", SchemaEndpoints.GetVersionsAsync)
            .WithName("GetSchemaVersions").WithSummary("The schema's versions with provenance and hashes: ?cursor=&limit=&payloads=true.")
            .Produces<HistoryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
