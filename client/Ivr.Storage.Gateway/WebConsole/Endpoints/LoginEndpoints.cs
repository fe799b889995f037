using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Gateway.WebConsole.Components;
using Ivr.Storage.Gateway.WebConsole.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Endpoints;

/// <summary>Sign-in with an API key (a form POST with antiforgery token) and sign-out.</summary>
internal static class LoginEndpoints
{
    public static IResult Form([FromQuery] string? returnUrl) =>
        ConsolePages.Page<LoginPage>(new Dictionary<string, object?> { [nameof(LoginPage.ReturnUrl)] = LocalReturnUrl(returnUrl) });

    /// <summary>Form-bound, so the antiforgery middleware has validated the token before this runs (400 otherwise).</summary>
    public static async Task<IResult> SignInAsync(
        HttpContext context,
        IOptionsMonitor<ApiKeyAuthenticationOptions> apiKeys,
        [FromForm] string? apiKey,
        [FromForm] string? returnUrl)
    {
        var hash = string.IsNullOrEmpty(apiKey) ? null : ApiKeyAuthenticationHandler.Hash(apiKey);
        var entry = hash is null ? null : ApiKeyAuthenticationHandler.Find(apiKeys.Get(ApiKeyAuthenticationHandler.SchemeName).Keys, hash);
        if (entry is null || hash is null)
        {
            return ConsolePages.Page<LoginPage>(new Dictionary<string, object?>
            {
                [nameof(LoginPage.Error)] = "That API key is not valid.",
                [nameof(LoginPage.ReturnUrl)] = LocalReturnUrl(returnUrl),
            }, StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(ConsoleSession.Scheme, ConsoleSession.Principal(entry, hash));
        return TypedResults.Redirect(LocalReturnUrl(returnUrl));
    }

    public static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(ConsoleSession.Scheme);
        return TypedResults.Redirect("/console/login");
    }

    /// <summary>Only a console path may follow a login: anything else (another host, <c>//evil</c>, <c>/\evil</c>) becomes the start page.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && !url.StartsWith("/console/login", StringComparison.Ordinal)
            ? url
            : "/console";
}
