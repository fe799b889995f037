using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ivr.Storage.Gateway.Api;

/// <summary>GET of an entity: the payload itself is the representation; its version is the ETag.</summary>
internal static class EntityReadEndpoints
{
    /// <summary>The schema version of the representation (as stored, or upcast with <c>?schema=latest</c>).</summary>
    public const string SchemaVersionHeader = "X-Schema-Version";

    public static async Task<IResult> GetAsync(
        HttpContext context, IEntityStore store, ISchemaRegistry schemas, [FromQuery] string? asOf, [FromQuery] string? schema, CancellationToken cancellationToken)
    {
        var key = EntityRoute.Key(context);
        var latest = QueryArguments.LatestSchema(schema);
        if (asOf is not null)
        {
            var instant = QueryArguments.Instant(asOf, "asOf");
            var record = latest ? await schemas.GetAsOfAtLatestSchemaAsync(key, instant, cancellationToken) : await store.GetAsOfAsync(key, instant, cancellationToken);
            context.Response.Headers.ContentLocation = $"{EntityRoute.Location(key)}/versions/{record.Version}";
            SetSchemaVersion(context, record.ShownAtSchemaVersion ?? record.SchemaVersion);
            return Represent(context, record.Version, record.CommittedAt, record.Payload!);
        }

        if (latest)
        {
            // Upcast on read: a copy reshaped to the latest schema; the ETag is still the stored version, whose hash covers the stored bytes.
            var upcast = await schemas.GetAtLatestSchemaAsync(key, cancellationToken);
            SetSchemaVersion(context, upcast.SchemaVersion);
            return Represent(context, upcast.Version, upcast.UpdatedAt, upcast.Payload!);
        }

        var state = await store.GetAsync(key, cancellationToken);
        SetSchemaVersion(context, state.SchemaVersion);
        return Represent(context, state.Version, state.UpdatedAt, state.Payload!);
    }

    private static void SetSchemaVersion(HttpContext context, int? version)
    {
        if (version is { } known)
        {
            context.Response.Headers[SchemaVersionHeader] = known.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
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
