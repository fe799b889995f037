namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>
/// Response headers of every console page: scripts and styles from this origin only (an injected inline script would
/// not run even if escaping ever failed), no framing, no caching of entity data, no referrer leaking ids.
/// </summary>
internal sealed class ConsoleHeadersFilter : IEndpointFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // Exactly what antiforgery sets on pages with a token, so it need not override (and log a warning for) ours.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return next(context);
    }
}
