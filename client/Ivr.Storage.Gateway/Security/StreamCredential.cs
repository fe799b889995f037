using System.Globalization;
using System.Security.Claims;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// The credential a change stream was opened with, as the stream re-checks it while it runs: a JWT until its
/// <c>exp</c>; an API key for as long as configuration holds it with the same name and scopes.
/// </summary>
internal sealed class StreamCredential
{
    private readonly byte[]? _apiKeyHash;
    private readonly string? _name;
    private readonly string[] _scopes;

    private StreamCredential(DateTimeOffset? expiresAt, byte[]? apiKeyHash, string? name, string[] scopes)
    {
        ExpiresAt = expiresAt;
        _apiKeyHash = apiKeyHash;
        _name = name;
        _scopes = scopes;
    }

    /// <summary>When the credential stops being valid by itself (a JWT's <c>exp</c>); null for an API key.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public static StreamCredential Of(HttpContext context)
    {
        var caller = context.User;
        DateTimeOffset? expiresAt = caller.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
        var apiKey = caller.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName
            && context.Request.Headers.TryGetValue(ApiKeyAuthenticationHandler.HeaderName, out var values) && values[0] is { Length: > 0 } key
                ? ApiKeyAuthenticationHandler.Hash(key)
                // A console session stands for the key it was opened with: its stream ends with that key too.
                : caller.FindFirst(WebConsole.Security.ConsoleSession.KeyHashClaim)?.Value is { } hex ? Convert.FromHexString(hex) : null;
        var scopes = caller.FindAll(EntityScopes.ClaimType).Select(claim => claim.Value).ToArray();
        return new StreamCredential(expiresAt, apiKey, caller.FindFirst(ClaimTypes.Name)?.Value, scopes);
    }

    /// <summary>
    /// Whether the stream may go on under <paramref name="configuredKeys"/>: always for a JWT (its end is
    /// <see cref="ExpiresAt"/>), for an API key only while a configured key with the same hash, name and scopes exists.
    /// </summary>
    public bool IsStillConfigured(IEnumerable<ApiKeyEntry> configuredKeys) =>
        _apiKeyHash is null
        || (ApiKeyAuthenticationHandler.Find(configuredKeys, _apiKeyHash) is { } entry && entry.Name == _name && entry.Scopes.SequenceEqual(_scopes));
}
