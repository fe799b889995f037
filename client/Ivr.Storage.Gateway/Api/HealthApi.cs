using System.Globalization;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Health;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary><c>/health</c>: the process is alive. <c>/ready</c>: a grain answers through the cluster after reading the journal.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup(string.Empty).AllowAnonymous().DisableRateLimiting().WithTags("Health");
        health.MapGet("/health", () => TypedResults.Ok(new { status = "alive" }))
            .WithName("Health").WithSummary("The gateway process is alive.");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("The cluster and its database answer.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ReadyAsync(HttpContext context, IEntityStore store, IOptions<GatewayOptions> options, CancellationToken cancellationToken)
    {
        if (await ClusterReadinessCheck.ProbeAsync(store, cancellationToken))
        {
            return TypedResults.Ok(new { status = "ready" });
        }
        else
        {
            context.Response.Headers.RetryAfter = options.Value.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(EntityProblems.Problem(StatusCodes.Status503ServiceUnavailable, "not-ready", "The storage cluster is not ready",
                "The gateway could not reach the storage cluster or its database."));
        }
    }
}
