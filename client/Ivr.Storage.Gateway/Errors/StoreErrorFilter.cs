using System.Globalization;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Errors;

/// <summary>
/// Turns the store's typed errors into problem responses at the endpoint, so expected outcomes (404, 412, …) are
/// answers rather than exceptions in the server's error log. Anything else goes on to the generic 500 handler.
/// </summary>
internal sealed class StoreErrorFilter(IOptions<HttpGatewayOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (EntityProblems.TryCreate(exception, options.Value, out var problem))
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                context.HttpContext.Response.Headers.RetryAfter = options.Value.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(problem);
        }
    }
}
