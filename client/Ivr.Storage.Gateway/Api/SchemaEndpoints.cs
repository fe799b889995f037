using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary><c>/schemas/{type}</c>: register a schema version, read the current one, list its versions.</summary>
internal static class SchemaEndpoints
{
    public static async Task<IResult> PutAsync(
        HttpContext context,
        string type,
        ISchemaRegistry schemas,
        IOptions<HttpGatewayOptions> options,
        [FromQuery] string? dryRun,
        [FromQuery] string? force,
        CancellationToken cancellationToken)
    {
        var registration = new SchemaRegistrationOptions { DryRun = QueryArguments.OptionalBool(dryRun, "dryRun"), Force = QueryArguments.OptionalBool(force, "force") };
        var write = WriteHeaders.Read(context.Request, context.User, Preconditions.ForWrite(context.Request, options.Value));
        var body = await RequestBody.ReadAsync(context.Request, RequestBody.Json, options.Value, cancellationToken);
        var registered = await schemas.RegisterSchemaAsync(type, body, registration, write, cancellationToken);
        if (registered.Write is not { } result)
        {
            return TypedResults.Ok(CompatibilityReportResponse.From(registered.Report));
        }

        context.Response.Headers.ETag = Preconditions.ETag(result.Version);
        FeedHeaders.SetFeedPosition(context.Response, result);
        return result.Version == 1
            ? TypedResults.Created($"/schemas/{type}", WriteResponse.From(result))
            : TypedResults.Ok(WriteResponse.From(result));
    }

    public static async Task<IResult> GetAsync(HttpContext context, string type, ISchemaRegistry schemas, CancellationToken cancellationToken)
    {
        var state = await schemas.GetSchemaAsync(type, cancellationToken);
        context.Response.Headers.ETag = Preconditions.ETag(state.Version);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(state.Payload!, "application/json");
    }

    public static async Task<IResult> GetVersionsAsync(
        string type,
        ISchemaRegistry schemas,
        [FromQuery] string? cursor,
        [FromQuery] string? limit,
        [FromQuery] string? payloads,
        CancellationToken cancellationToken)
    {
        var query = new HistoryQuery
        {
            Cursor = cursor,
            PageSize = QueryArguments.OptionalInt(limit, "limit") ?? 100,
            IncludePayloads = QueryArguments.OptionalBool(payloads, "payloads"),
        };
        var page = await schemas.GetSchemaVersionsAsync(type, query, cancellationToken);
        return TypedResults.Ok(new HistoryResponse([.. page.Items.Select(VersionResponse.From)], page.NextCursor, Next: null));
    }
}
