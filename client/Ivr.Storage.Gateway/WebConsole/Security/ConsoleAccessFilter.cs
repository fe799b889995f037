using System.Security.Claims;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Endpoints;
using Ivr.Storage.Security.Scopes;

namespace Ivr.Storage.Gateway.WebConsole.Security;

/// <summary>
/// The console's twin of <see cref="EntityScopeFilter"/>: the same scope check on the same key the handler acts on
/// (<see cref="EntityRoute.Key"/> for entity pages, the route's <c>{type}</c> for listings), answered with a page.
/// </summary>
internal sealed class ConsoleAccessFilter(Func<ClaimsPrincipal, string, bool> allows, Func<string, string> required, Func<HttpContext, string> entityType)
    : IEndpointFilter
{
    public static ConsoleAccessFilter ReadOnEntityKey() =>
        new((caller, type) => EntityScopes.Allows(caller, EntityAccess.Read, type), type => EntityScopes.Required(EntityAccess.Read, type), KeyType);

    public static ConsoleAccessFilter ReadOnRouteType() =>
        new((caller, type) => EntityScopes.Allows(caller, EntityAccess.Read, type), type => EntityScopes.Required(EntityAccess.Read, type),
            context => context.Request.RouteValues["type"] as string ?? string.Empty);

    /// <summary>Reverting from the console needs an admin scope on the type: a person undoing history is an administrator's act.</summary>
    public static ConsoleAccessFilter AdminOnEntityKey() => new(EntityScopes.AllowsAdmin, type => $"entities:admin:{type}", KeyType);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var type = entityType(context.HttpContext);
        if (!allows(context.HttpContext.User, type))
        {
            return ConsolePages.Error(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed",
                $"Your key's scopes do not allow this on entities of type '{type}'.", required(type));
        }

        return await next(context);
    }

    private static string KeyType(HttpContext context) => EntityRoute.Key(context).Type;
}
