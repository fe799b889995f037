using Microsoft.AspNetCore.Authentication;

namespace Ivr.Storage.Gateway.Security;

/// <summary>Options of the <c>X-Api-Key</c> scheme (configuration <c>Authentication:ApiKeys</c>).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The accepted keys, by hash.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];
}
