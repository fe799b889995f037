using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// Authenticates <c>X-Api-Key</c> by comparing the SHA-256 of the presented key with the configured hashes in
/// constant time, so neither the configuration nor the timing reveals a key.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var match = Find(Options.Keys, Hash(values[0]!));
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, match.Name) };
        claims.AddRange(match.Scopes.Select(scope => new Claim(EntityScopes.ClaimType, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The SHA-256 of a presented key, as configured entries hold it.</summary>
    public static byte[] Hash(string presentedKey) => SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));

    /// <summary>The configured entry whose hash is <paramref name="presented"/>, or null.</summary>
    public static ApiKeyEntry? Find(IEnumerable<ApiKeyEntry> keys, byte[] presented)
    {
        ApiKeyEntry? match = null;
        foreach (var entry in keys)
        {
            // Visit every entry, so the time taken does not tell which one matched.
            if (TryHex(entry.Sha256, out var expected) && CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                match = entry;
            }
        }

        return match;
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return bytes.Length == SHA256.HashSizeInBytes;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
