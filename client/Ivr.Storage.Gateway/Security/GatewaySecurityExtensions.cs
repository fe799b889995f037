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
        services.AddOptions<JwtSettings>().BindConfiguration(JwtSettings.SectionName);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtSettings>>(ConfigureJwt);
        services.AddAuthorization();
        return services;
    }

    private static void ConfigureJwt(JwtBearerOptions options, IOptions<JwtSettings> settings)
    {
        var jwt = settings.Value;
        // Keep the token's own claim names (sub, scope, client_id) instead of mapping them to SOAP-era URIs.
        options.MapInboundClaims = false;
        options.Authority = jwt.Authority;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateIssuer = jwt.Issuer is not null || jwt.Authority is not null,
            ValidIssuer = jwt.Issuer,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            NameClaimType = "client_id",
            IssuerSigningKey = jwt.SigningKey is { Length: > 0 } key ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) : null,
            // With neither a key nor an authority, no token can validate: JWT is then effectively off.
            RequireSignedTokens = true,
        };
    }
}
