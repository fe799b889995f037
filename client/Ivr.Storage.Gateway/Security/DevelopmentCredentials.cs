using Ivr.Storage.ServiceDefaults.Hosting;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// The credentials of appsettings.Development.json are public (they are in this repository and in its README), so a
/// gateway that accepts them must not be reachable from another machine. Checked once, before the gateway serves.
/// </summary>
internal static class DevelopmentCredentials
{
    /// <summary>SHA-256 of <c>dev-only-ivr-storage-key</c> and <c>dev-only-ivr-storage-readonly-key</c>.</summary>
    private static readonly string[] ApiKeyHashes =
    [
        "2a1a971c61d7eb1d4d202127a2c8d7c808ec9f3cf31eb7c3a48b9c987c2c9580",
        "6f59562738d9a91ff3ea38d6572267f1e9325ba14cd94030b84f782cd1da6d09",
    ];

    private const string JwtSigningKey = "dev-only-signing-key-not-a-secret-0123456789";

    /// <exception cref="InvalidOperationException">A development credential is configured and a listener is not loopback.</exception>
    public static void RefuseOnPublicListeners(IConfiguration configuration)
    {
        var found = Configured(configuration).ToList();
        var exposed = ListenerUrls.Configured(configuration).Where(url => !ListenerUrls.IsLoopback(url)).ToList();
        if (found.Count > 0 && exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to start: the public development credentials of appsettings.Development.json ({string.Join(", ", found)}) are configured " +
                $"while the gateway listens on {string.Join(", ", exposed)}, which is not loopback. Configure keys of your own " +
                "(Authentication:ApiKeys, Authentication:Jwt), or listen on 127.0.0.1 only.");
        }
    }

    private static IEnumerable<string> Configured(IConfiguration configuration)
    {
        foreach (var key in configuration.GetSection("Authentication:ApiKeys").GetChildren())
        {
            if (ApiKeyHashes.Contains(key["Sha256"]?.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                yield return $"API key '{key["Name"]}'";
            }
        }

        if (configuration[$"{JwtSettings.SectionName}:SigningKey"] == JwtSigningKey)
        {
            yield return "JWT signing key";
        }
    }
}
