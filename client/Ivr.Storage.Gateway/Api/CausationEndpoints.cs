using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Ivr.Storage.Gateway.Api;

/// <summary>Lookup by message over HTTP: the caller's read scopes become the query's types, checked again on the way out.</summary>
internal static class CausationEndpoints
{
    public static async Task<IResult> FindAsync(
        HttpContext context,
        ICausationLookup lookup,
        string messageId,
        [FromQuery] string? types,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        var query = new CausationQuery
        {
            CausationId = MessageId(context, messageId),
            // The feed's rule: the types asked for, each readable (else 403), or every type the caller may read.
            Types = ChangeFilters.For(context.User, types, payloads: null).Types,
            Limit = QueryArguments.OptionalInt(limit, "limit") ?? 100,
            Cursor = cursor,
        };
        var page = await lookup.FindCausedAsync(query, cancellationToken);
        var visible = page.Versions.Where(version => ChangeStream.Readable(context.User, version)).Select(ChangeEventResponse.From).ToArray();
        return TypedResults.Ok(new CausedVersionsResponse(query.CausationId, visible, page.NextCursor));
    }

    /// <summary>
    /// The message id exactly as the client percent-encoded it: routing leaves <c>%2F</c> encoded and decodes the rest,
    /// so a route value is ambiguous for ids with slashes (ours, <c>type/id@version</c>, have them). Read from the raw
    /// target; the in-memory test server has none, and its route value is taken with <c>%2F</c> decoded.
    /// </summary>
    private static string MessageId(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var path = raw?.Split('?', 2)[0];
        var prefix = context.Request.PathBase.ToUriComponent() + "/causations/";
        if (path is not null && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.EndsWith("/versions", StringComparison.OrdinalIgnoreCase))
        {
            var segment = path[prefix.Length..^"/versions".Length];
            if (!segment.Contains('/', StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(segment);
            }
        }

        return routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }
}
