using Ivr.Storage.Gateway.Errors;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>The store's typed errors (and refusals of the request itself) as pages, with the API's status and detail.</summary>
internal sealed class ConsoleErrorFilter(IOptions<HttpGatewayOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (EntityProblems.TryCreate(exception, options.Value, out var problem))
        {
            var status = problem.Status ?? StatusCodes.Status500InternalServerError;
            return ConsolePages.Error(context.HttpContext, status, problem.Title ?? "Error", problem.Detail ?? string.Empty);
        }
    }
}
