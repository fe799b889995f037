using Ivr.Storage.Gateway.WebConsole.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>Renders console components on the server (static SSR: plain HTML, no circuit, no WebAssembly).</summary>
internal static class ConsolePages
{
    public static RazorComponentResult Page<TComponent>(IReadOnlyDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    public static RazorComponentResult Error(HttpContext context, int status, string title, string detail, string? requiredScope = null) =>
        Page<ErrorPage>(new Dictionary<string, object?>
        {
            [nameof(ErrorPage.Status)] = status,
            [nameof(ErrorPage.Title)] = title,
            [nameof(ErrorPage.Detail)] = detail,
            [nameof(ErrorPage.RequiredScope)] = requiredScope,
            [nameof(ErrorPage.User)] = context.User.Identity?.Name,
        }, status);
}
