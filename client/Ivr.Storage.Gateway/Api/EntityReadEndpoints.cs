using Ivr.Storage.Client;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ivr.Storage.Gateway.Api;

/// <summary>GET of an entity: the payload itself is the representation; its version is the ETag.</summary>
internal static class EntityReadEndpoints
{
    public static async Task<IResult> GetAsync(HttpContext context, IEntityStore store, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        if (asOf is not null)
        {
            var record = await store.GetAsOfAsync(key, QueryArguments.Instant(asOf, "asOf"), cancellationToken);
            context.Response.Headers.ContentLocation = $"{EntityRoute.Location(key)}/versions/{record.Version}";
            return Represent(context, record.Version, record.CommittedAt, record.Payload!);
        }

        var state = await store.GetAsync(key, cancellationToken);
        return Represent(context, state.Version, state.UpdatedAt, state.Payload!);
    }

    private static IResult Represent(HttpContext context, long version, DateTimeOffset modified, string payload)
    {
        var headers = context.Response.Headers;
        headers.ETag = Preconditions.ETag(version);
        headers.LastModified = modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        headers.CacheControl = "no-cache";
        return Preconditions.NotModified(context.Request, version)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(payload, "application/json", System.Text.Encoding.UTF8);
    }
}
