using System.Globalization;
using System.Threading.RateLimiting;
using Ivr.Storage.Gateway.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Security;

/// <summary>Per-caller fixed windows of one minute, one for writes and one for reads; a refusal is 429 with Retry-After.</summary>
internal static class GatewayRateLimiting
{
    public const string Writes = "entity-writes";
    public const string Reads = "entity-reads";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Writes, context => PerCaller(context, options => options.WritesPerMinute));
            limiter.AddPolicy(Reads, context => PerCaller(context, options => options.ReadsPerMinute));
            limiter.OnRejected = RejectAsync;
        });

    private static RateLimitPartition<string> PerCaller(HttpContext context, Func<HttpGatewayOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<HttpGatewayOptions>>().Value;
        // Anonymous requests never reach these endpoints; the fallback only keeps the partition key non-null.
        var caller = CallerIdentity.Name(context.User) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        var problem = EntityProblems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
            $"This caller exceeded its request rate; retry after {retryAfter} seconds.");
        problem.Extensions["retryAfterSeconds"] = retryAfter;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
