using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>JWTs for the test gateway's symmetric key, and deliberately broken ones.</summary>
public static class TestTokens
{
    public static string Create(
        string scopes,
        string clientId = "jwt-worker",
        string signingKey = GatewayFactory.JwtSigningKey,
        string audience = GatewayFactory.JwtAudience,
        TimeSpan? lifetime = null,
        string? issuer = GatewayFactory.JwtIssuer,
        string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["client_id"] = clientId, ["sub"] = clientId, ["scope"] = scopes },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>, empty signature) with otherwise valid claims.</summary>
    public static string Unsigned(string scopes)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var payload = Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = GatewayFactory.JwtIssuer,
            ["aud"] = GatewayFactory.JwtAudience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["client_id"] = "forger",
            ["sub"] = "forger",
            ["scope"] = scopes,
        }));
        return $"{header}.{payload}.";
    }
}
