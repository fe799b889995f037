using Ivr.Storage.Gateway.Errors;

namespace Ivr.Storage.Gateway.Security;

/// <summary>Refuses (403) a caller whose scopes do not cover this operation on the route's entity type.</summary>
internal sealed class EntityScopeFilter(EntityOperation operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var type = context.HttpContext.Request.RouteValues["type"] as string ?? string.Empty;
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
