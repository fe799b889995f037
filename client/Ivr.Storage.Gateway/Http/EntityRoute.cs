using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.Http.Features;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// The entity key of a request under <c>/entities/{type}/{id}</c>. Ids may contain anything, slashes included, so
/// clients percent-encode them (<c>a%2Fb</c>). Routing leaves <c>%2F</c> encoded while decoding everything else,
/// which makes the route value ambiguous (is <c>%2F</c> in it a slash or the three characters?). So the id is
/// decoded once, from the raw request target, exactly as the client encoded it.
/// </summary>
internal static class EntityRoute
{
    public static EntityKey Key(HttpContext context)
    {
        var (type, id) = FromRawTarget(context) ?? FromRouteValues(context);
        var key = EntityKey.Create(type, id);
        // On the request's span (only once the key is valid), so a trace backend can find an entity's requests.
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
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return null;
        }

        var path = raw.Split('?', 2)[0];
        var pathBase = context.Request.PathBase.ToUriComponent();
        if (pathBase.Length > 0 && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase))
        {
            path = path[pathBase.Length..];
        }

        var segments = path.Split('/');
        if (segments.Length < 4 || !segments[1].Equals("entities", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return (Uri.UnescapeDataString(segments[2]), Uri.UnescapeDataString(segments[3]));
    }

    private static (string Type, string Id) FromRouteValues(HttpContext context)
    {
        var type = context.Request.RouteValues["type"] as string ?? string.Empty;
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        return (type, id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));
    }
}
