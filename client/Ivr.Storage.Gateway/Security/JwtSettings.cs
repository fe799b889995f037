namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// JWT bearer settings (configuration <c>Authentication:Jwt</c>): either an <see cref="Authority"/> (OpenID
/// Connect discovery) or a symmetric <see cref="SigningKey"/> with an issuer, for development and tests.
/// </summary>
public sealed class JwtSettings
{
    public const string SectionName = "Authentication:Jwt";

    /// <summary>The token issuer's base address; its signing keys are discovered from there.</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer a token must name (defaults to the authority's).</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience a token must name. The default value is <c>ivr-storage</c>.</summary>
    public string Audience { get; set; } = "ivr-storage";

    /// <summary>A symmetric HMAC key (UTF-8, at least 32 bytes). Keep it out of appsettings: use a secret store.</summary>
    public string? SigningKey { get; set; }
}
