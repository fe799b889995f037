using Ivr.Storage.Security.Scopes;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Http;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// Refuses (403) a caller whose scopes do not cover this operation on the entity type the handler acts on. The type
/// comes from the same place the handler takes it from: for <c>/entities/{type}/{id}</c> the key of
/// <see cref="EntityRoute.Key"/> (parsed here first, reused by the handler), for routes that bind <c>{type}</c>
/// themselves the route value.
/// </summary>
internal sealed class EntityScopeFilter(EntityAccess operation, Func<HttpContext, string> entityType) : IEndpointFilter
{
    /// <summary>For routes under <c>/entities/{type}/{id}</c>, whose handlers act on <see cref="EntityRoute.Key"/>.</summary>
    public static EntityScopeFilter OnEntityKey(EntityAccess operation) => new(operation, context => EntityRoute.Key(context).Type);

    /// <summary>For routes whose handler binds the route value <c>{type}</c> itself.</summary>
    public static EntityScopeFilter OnRouteType(EntityAccess operation) =>
        new(operation, context => context.Request.RouteValues["type"] as string ?? string.Empty);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var type = entityType(context.HttpContext);
        if (!EntityScopes.Allows(context.HttpContext.User, operation, type))
        {
            var problem = EntityProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "The caller lacks the scope for this operation",
                $"This operation needs scope '{EntityScopes.Required(operation, type)}' (or entities:admin:{type}, or a wildcard).");
            problem.Extensions["requiredScope"] = EntityScopes.Required(operation, type);
            return TypedResults.Problem(problem);
        }

        return await next(context);
    }
}
