using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/changes</c>: the change feed as CloudEvents, paged or streamed as Server-Sent Events. Any authenticated caller;
/// changes are filtered, in the database, to the entity types the caller may read.
/// </summary>
internal static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var changes = app.MapGroup("/changes")
            .RequireAuthorization()
            .AddEndpointFilter<StoreErrorFilter>()
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .WithTags("Changes")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        changes.MapGet(string.Empty, ChangeEndpoints.GetPageAsync)
            .WithName("GetChanges")
            .WithSummary("Changes after ?after= (a position, default 0-0: the beginning), at most ?limit= (1-1000, default 100), as CloudEvents.")
            .WithDescription("Only changes of ?types= (comma-separated; each needs read scope, else 403), or of every type the caller may read, are listed, "
                + "filtered in the database; 'next' still moves past the others, so pass it as the next ?after=. ?payloads=false leaves payloads out. "
                + "A page also stops at the silo's payload byte bound (8 MiB by default; at least one change): 'hasMore' is true when a page stopped at a bound.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces<ChangePageResponse>();
        changes.MapGet("/stream", ChangeEndpoints.StreamAsync)
            .WithName("StreamChanges")
            .WithSummary("Server-Sent Events: the changes after ?after= (default: from now), then live ones; each event's id is its position.")
            .WithDescription("Reconnect with Last-Event-ID (EventSource does so by itself) to resume after the last event received. ?types= and ?payloads= as for "
                + "/changes. 'progress' events carry no change: their id moves Last-Event-ID past changes the caller does not see. A caller may hold a few "
                + "streams at once (429 beyond); a stream ends when the client disconnects, after its maximum lifetime, at its token's expiry, or when its API "
                + "key is removed from configuration: reconnect with Last-Event-ID.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }
}
