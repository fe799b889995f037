namespace Ivr.Storage.Gateway.Security;

/// <summary>One API key as configured: its SHA-256 hash (never the key itself), the caller's name and its scopes.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The caller's name: rate-limit partition, provenance source and actor.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>Scopes such as <c>entities:read:call-session</c>, <c>entities:write:*</c>, <c>entities:admin:*</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}
