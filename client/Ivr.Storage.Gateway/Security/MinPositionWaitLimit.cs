using System.Globalization;
using Ivr.Storage.Gateway.Errors;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// On query endpoints: a request with <c>?minPosition=</c> holds one of its caller's <see cref="MinPositionWaits"/>
/// while it runs; without a free one it is refused at once with 429 and <c>Retry-After</c>. Requests without a
/// minimum position never wait and are not counted.
/// </summary>
internal sealed class MinPositionWaitLimit(MinPositionWaits waits) : IEndpointFilter
{
    /// <summary>Seconds to wait before retrying: one of the caller's own waits usually ends by then.</summary>
    private const int RetryAfterSeconds = 1;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Query.ContainsKey("minPosition"))
        {
            return await next(context);
        }

        // Authorization ran first: every caller here has a name.
        var caller = CallerIdentity.Name(http.User) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = waits.TryAcquire(caller);
        if (!lease.IsAcquired)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var problem = EntityProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-waits", "Too many queries waiting for the read model",
                $"This caller already has its limit of queries with minPosition in flight; retry after {RetryAfterSeconds} second.");
            problem.Extensions["retryAfterSeconds"] = RetryAfterSeconds;
            return TypedResults.Problem(problem);
        }

        return await next(context);
    }
}
