using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// The entity key of a request under <c>/entities/{type}/{id}</c> (or the console's <c>/console/entities/{type}/{id}</c>), parsed once per request and kept in the request's
/// items: the scope filter authorises exactly the key every handler then acts on.
/// Ids may contain anything, slashes included, so clients percent-encode them (<c>a%2Fb</c>). Routing leaves
/// <c>%2F</c> encoded while decoding everything else, which makes the route value ambiguous (is <c>%2F</c> in it a
/// slash or the three characters?). So the key is decoded once, from the raw request target, exactly as the client
/// encoded it. The server removes dot segments before routing but not from the raw target, so a target with dot
/// segments would route as one key and parse as another (<c>/entities/billing/a/../../call-session/x</c>): such
/// targets are refused, as is an encoded slash in the type.
/// </summary>
internal static class EntityRoute
{
    private static readonly object ItemKey = new();

    /// <summary>The request's entity key; the first call parses and validates it, later calls return the same key.</summary>
    /// <exception cref="GatewayProblemException">400: the raw target has dot segments, an encoded slash in the type, or disagrees with the route.</exception>
    /// <exception cref="EntityValidationException">The type or id is not acceptable.</exception>
    public static EntityKey Key(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var parsed) && parsed is EntityKey known)
        {
            return known;
        }

        var (type, id) = FromRawTarget(context) ?? FromRouteValues(context);
        var key = EntityKey.Create(type, id);
        context.Items[ItemKey] = key;
        // On the request's span (only once the key is valid), so a trace backend can find a type's requests.
        if (System.Diagnostics.Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag(SpanTags.EntityType, key.Type);
            span.SetTag(SpanTags.EntityId, key.Id);
        }

        return key;
    }

    /// <summary>The entity's URL, with the id escaped so that it round-trips.</summary>
    public static string Location(EntityKey key) => $"/entities/{Uri.EscapeDataString(key.Type)}/{Uri.EscapeDataString(key.Id)}";

    private static (string Type, string Id)? FromRawTarget(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            // Only the in-memory test server hands over no raw target; a real server always does.
            return null;
        }

        var segments = RawPath(raw, context.Request.PathBase.ToUriComponent()).Split('/');
        // The console's entity pages (/console/entities/{type}/{id}/...) name the key the same way.
        if (segments.Length > 2 && segments[0].Length == 0 && segments[1].Equals("console", StringComparison.OrdinalIgnoreCase))
        {
            segments = [string.Empty, .. segments[2..]];
        }

        if (segments.Any(IsDotSegment))
        {
            throw Refused("The request target contains a dot segment ('.' or '..', plain or percent-encoded); send the entity's URL as it is, without them.");
        }

        if (segments.Length < 4 || segments[0].Length != 0 || !segments[1].Equals("entities", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("The request target is not an entity URL (/entities/{type}/{id}).");
        }

        if (segments[2].Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("The entity type in the request target contains an encoded slash.");
        }

        var type = Uri.UnescapeDataString(segments[2]);
        // Belt and braces: the key must be the one routing chose, or the route's verb would apply to another entity.
        if (!string.Equals(type, context.Request.RouteValues["type"] as string, StringComparison.Ordinal))
        {
            throw Refused("The request target does not match the route it was served by.");
        }

        return (type, Uri.UnescapeDataString(segments[3]));
    }

    /// <summary>The path of an origin-form (<c>/p?q</c>) or absolute-form (<c>http://h/p?q</c>) target, without the path base.</summary>
    private static string RawPath(string raw, string pathBase)
    {
        var path = raw.Split('?', 2)[0];
        if (!path.StartsWith('/'))
        {
            var authority = path.IndexOf("//", StringComparison.Ordinal);
            var start = authority < 0 ? -1 : path.IndexOf('/', authority + 2);
            path = start < 0 ? string.Empty : path[start..];
        }

        return pathBase.Length > 0 && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase) ? path[pathBase.Length..] : path;
    }

    /// <summary>RFC 3986 dot segments, in any spelling the server's normalisation also recognises (<c>%2e</c>, <c>.%2E</c>, …).</summary>
    private static bool IsDotSegment(string segment) =>
        segment.Length <= 6 && Uri.UnescapeDataString(segment) is "." or "..";

    private static (string Type, string Id) FromRouteValues(HttpContext context)
    {
        var type = context.Request.RouteValues["type"] as string ?? string.Empty;
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        return (type, id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
    }

    private static GatewayProblemException Refused(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-request-target", "The request target is not acceptable", detail);
}
