using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Gateway.Security;

/// <summary>Authentication (API key or JWT bearer, picked by header) and the default policy: an authenticated caller.</summary>
internal static class GatewaySecurityExtensions
{
    private const string ApiKeyOrBearer = "ApiKeyOrBearer";

    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyOrBearer)
            .AddPolicyScheme(ApiKeyOrBearer, "API key or JWT bearer", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        // Bound when first used, so configuration added late (tests, environment) is honoured.
        services.AddOptions<ApiKeyAuthenticationOptions>(ApiKeyAuthenticationHandler.SchemeName)
            .Configure<IConfiguration>((options, configuration) => options.Keys = configuration.GetSection("Authentication:ApiKeys").Get<List<ApiKeyEntry>>() ?? []);
        // Re-read when the configuration reloads: a key removed there stops authenticating new requests, and the
        // change streams it opened end at their next check (ChangeStreamCredentialCheckInterval).
        services.AddSingleton<IOptionsChangeTokenSource<ApiKeyAuthenticationOptions>>(provider =>
            new ConfigurationChangeTokenSource<ApiKeyAuthenticationOptions>(ApiKeyAuthenticationHandler.SchemeName, provider.GetRequiredService<IConfiguration>()));
        services.AddOptions<JwtSettings>().BindConfiguration(JwtSettings.SectionName)
            .Validate(jwt => string.IsNullOrEmpty(jwt.SigningKey) || !string.IsNullOrWhiteSpace(jwt.Issuer),
                "Authentication:Jwt:SigningKey is set without Authentication:Jwt:Issuer: a symmetric key needs the issuer its tokens must name.")
            .Validate(jwt => string.IsNullOrEmpty(jwt.SigningKey) || Encoding.UTF8.GetByteCount(jwt.SigningKey) >= JwtSettings.MinSigningKeyBytes,
                $"Authentication:Jwt:SigningKey must be at least {JwtSettings.MinSigningKeyBytes} bytes (HMAC-SHA256).")
            .ValidateOnStart();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtSettings>>(ConfigureJwt);
        services.AddAuthorization();
        return services;
    }

    private static void ConfigureJwt(JwtBearerOptions options, IOptions<JwtSettings> settings)
    {
        var jwt = settings.Value;
        var symmetric = jwt.SigningKey is { Length: > 0 };
        // Keep the token's own claim names (sub, scope, client_id) instead of mapping them to SOAP-era URIs.
        options.MapInboundClaims = false;
        options.Authority = jwt.Authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            // Always: the issuer comes from Issuer (required with a signing key) or the authority's metadata.
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            NameClaimType = "client_id",
            IssuerSigningKey = symmetric ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!)) : null,
            // Pinned: a token may not pick its own algorithm (none, or another HMAC over the same secret).
            ValidAlgorithms = [.. Algorithms(symmetric, jwt.Authority is not null)],
            // With neither a key nor an authority, no token can validate: JWT is then effectively off.
            RequireSignedTokens = true,
        };
    }

    private static IEnumerable<string> Algorithms(bool symmetric, bool authority)
    {
        if (symmetric)
        {
            yield return SecurityAlgorithms.HmacSha256;
        }

        if (authority)
        {
            yield return SecurityAlgorithms.RsaSha256;
            yield return SecurityAlgorithms.EcdsaSha256;
        }
    }
}
