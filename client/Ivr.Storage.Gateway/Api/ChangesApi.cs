using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// <c>/changes</c>: the change feed as CloudEvents, paged or streamed as Server-Sent Events. Any authenticated caller;
/// each change is filtered by the read scope of its entity type.
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
            .WithDescription("Only changes of types the caller may read are listed; 'next' still moves past the hidden ones, so pass it as the next ?after=.")
            .Produces<ChangePageResponse>();
        changes.MapGet("/stream", ChangeEndpoints.StreamAsync)
            .WithName("StreamChanges")
            .WithSummary("Server-Sent Events: the changes after ?after= (default: from now), then live ones; each event's id is its position.")
            .WithDescription("Reconnect with Last-Event-ID (EventSource does so by itself) to resume after the last event received. The stream ends when the client disconnects.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }
}
