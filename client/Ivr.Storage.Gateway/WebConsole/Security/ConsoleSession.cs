using System.Security.Claims;
using Ivr.Storage.Gateway.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.WebConsole.Security;

/// <summary>
/// A person's console session: a cookie issued after they entered an API key, carrying the key's name, its scopes and
/// the key's SHA-256 (never the key). Every request re-finds the key by that hash in the current configuration, so a
/// key removed or re-scoped there ends its sessions at once, as it ends the key's change streams.
/// </summary>
internal static class ConsoleSession
{
    public const string Scheme = "ConsoleCookie";
    public const string Policy = "Console";
    public const string CookieName = "ivr-console";

    /// <summary>The claim holding the hex SHA-256 of the key the session was opened with.</summary>
    public const string KeyHashClaim = "ivr:key-sha256";

    /// <summary>The principal of a session opened with <paramref name="entry"/>.</summary>
    public static ClaimsPrincipal Principal(ApiKeyEntry entry, byte[] keyHash)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name), new(KeyHashClaim, Convert.ToHexStringLower(keyHash)) };
        claims.AddRange(entry.Scopes.Select(scope => new Claim(EntityScopes.ClaimType, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The configured key the session stands for, if it is still configured with the same name and scopes.</summary>
    public static ApiKeyEntry? StillConfigured(ClaimsPrincipal principal, IEnumerable<ApiKeyEntry> keys)
    {
        if (principal.FindFirst(KeyHashClaim)?.Value is not { } hex || !TryHex(hex, out var hash))
        {
            return null;
        }

        var scopes = principal.FindAll(EntityScopes.ClaimType).Select(claim => claim.Value);
        return ApiKeyAuthenticationHandler.Find(keys, hash) is { } entry && entry.Name == principal.Identity?.Name && entry.Scopes.SequenceEqual(scopes)
            ? entry
            : null;
    }

    public static void Configure(CookieAuthenticationOptions options, TimeSpan lifetime)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        // Secure whenever the request came over HTTPS; a loopback development gateway speaks plain HTTP.
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/console";
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = false;
        options.LoginPath = "/console/login";
        options.LogoutPath = "/console/logout";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyAuthenticationOptions>>()
            .Get(ApiKeyAuthenticationHandler.SchemeName).Keys;
        if (context.Principal is null || StillConfigured(context.Principal, keys) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
