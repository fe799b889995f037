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
        TimeSpan? lifetime = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = GatewayFactory.JwtIssuer,
            Audience = audience,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["client_id"] = clientId, ["sub"] = clientId, ["scope"] = scopes },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
