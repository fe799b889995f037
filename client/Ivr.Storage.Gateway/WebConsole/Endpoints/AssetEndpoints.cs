using System.Reflection;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>The console's stylesheet and scripts, embedded in the gateway's assembly: no CDN, no files next to the binary.</summary>
internal static class AssetEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["console.css"] = "text/css; charset=utf-8",
        ["live.js"] = "text/javascript; charset=utf-8",
    };

    public static IResult Get(HttpContext context, string name)
    {
        // Only the listed names: the route value never becomes a resource path of its own choosing.
        if (!ContentTypes.TryGetValue(name, out var contentType)
            || typeof(AssetEndpoints).Assembly.GetManifestResourceStream($"IvrConsole.{name}") is not { } stream)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(stream, contentType);
    }

    /// <summary>For tests: every asset the console serves.</summary>
    internal static IEnumerable<string> Names => ContentTypes.Keys;

    internal static Assembly Assembly => typeof(AssetEndpoints).Assembly;
}
