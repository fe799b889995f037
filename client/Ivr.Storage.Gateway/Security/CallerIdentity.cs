using System.Security.Claims;

namespace Ivr.Storage.Gateway.Security;

/// <summary>Who is calling: the API key's name, or the JWT's client (client_id, azp) or subject.</summary>
internal static class CallerIdentity
{
    public static string? Name(ClaimsPrincipal caller) =>
        caller.Identity is { IsAuthenticated: true } identity
            ? identity.Name ?? caller.FindFirst("client_id")?.Value ?? caller.FindFirst("azp")?.Value ?? caller.FindFirst("sub")?.Value
            : null;
}
