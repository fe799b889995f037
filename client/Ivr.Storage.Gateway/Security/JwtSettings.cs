namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// JWT bearer settings (configuration <c>Authentication:Jwt</c>): either an <see cref="Authority"/> (OpenID
/// Connect discovery) or a symmetric <see cref="SigningKey"/> with an issuer, for development and tests.
/// </summary>
public sealed class JwtSettings
{
    public const string SectionName = "Authentication:Jwt";

    /// <summary>The shortest accepted <see cref="SigningKey"/>, in UTF-8 bytes: HMAC-SHA256 wants 256 bits.</summary>
    public const int MinSigningKeyBytes = 32;

    /// <summary>The token issuer's base address; its signing keys are discovered from there.</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer a token must name (defaults to the authority's); required with <see cref="SigningKey"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience a token must name. The default value is <c>ivr-storage</c>.</summary>
    public string Audience { get; set; } = "ivr-storage";

    /// <summary>
    /// A symmetric key (UTF-8, at least 32 bytes); tokens must be HS256 and name <see cref="Issuer"/>. Keep it out of
    /// appsettings: use a secret store. Authority tokens must be RS256 or ES256.
    /// </summary>
    public string? SigningKey { get; set; }
}
