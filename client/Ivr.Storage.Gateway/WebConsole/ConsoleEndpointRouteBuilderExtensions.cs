using Ivr.Storage.Gateway.Api;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Endpoints;
using Ivr.Storage.Gateway.WebConsole.Security;
using Microsoft.AspNetCore.Antiforgery;

namespace Ivr.Storage.Gateway.WebConsole;

/// <summary>
/// <c>/console</c>: pages rendered on the server for people, behind a session cookie (after entering an API key) and the
/// same per-type scopes as the API, checked on the same key the handler acts on. Every POST carries an antiforgery token.
/// </summary>
internal static class ConsoleEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapWebConsole(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/console").AddEndpointFilter<ConsoleHeadersFilter>().ExcludeFromDescription();
        open.MapGet("/assets/{name}", AssetEndpoints.Get);
        open.MapGet("/login", LoginEndpoints.Form);
        open.MapPost("/login", LoginEndpoints.SignInAsync).RequireRateLimiting(GatewayRateLimiting.Writes);

        var console = app.MapGroup("/console")
            .RequireAuthorization(ConsoleSession.Policy)
            .RequireRateLimiting(GatewayRateLimiting.Reads)
            .AddEndpointFilter<ConsoleHeadersFilter>()
            .AddEndpointFilter<ConsoleErrorFilter>()
            .ExcludeFromDescription();
        console.MapPost("/logout", (Func<HttpContext, Task<IResult>>)LoginEndpoints.SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        console.MapGet(string.Empty, FindEndpoints.TypesAsync);
        console.MapGet("/go", FindEndpoints.Go);
        console.MapGet("/types/{type}", FindEndpoints.ListAsync).AddEndpointFilter(ConsoleAccessFilter.ReadOnRouteType());

        console.MapGet("/correlations", CorrelationPageEndpoints.PageAsync);

        console.MapGet("/live", LiveEndpoints.PageAsync);
        console.MapGet("/live/status", LiveEndpoints.StatusAsync);
        // The API's stream handler itself: the same scope filtering, stream limit and credential re-checks.
        console.MapGet("/live/stream", ChangeEndpoints.StreamAsync);
        console.MapGet("/health", HealthEndpoints.PageAsync);

        var entity = console.MapGroup("/entities/{type}/{id}");
        entity.MapGet(string.Empty, EntityEndpoints.PageAsync).AddEndpointFilter(ConsoleAccessFilter.ReadOnEntityKey());
        entity.MapGet("/patch", EntityEndpoints.PatchAsync).AddEndpointFilter(ConsoleAccessFilter.ReadOnEntityKey());
        var admin = entity.MapGroup("/revert/{version}").AddEndpointFilter(ConsoleAccessFilter.AdminOnEntityKey());
        admin.MapGet(string.Empty, RevertEndpoints.ConfirmAsync);
        admin.MapPost(string.Empty, RevertEndpoints.RevertAsync).RequireRateLimiting(GatewayRateLimiting.Writes);
        return app;
    }
}
