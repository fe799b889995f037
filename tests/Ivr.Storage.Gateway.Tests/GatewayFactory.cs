using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The real gateway (its Program) in a test server, connected through Redis to a test cluster.</summary>
public sealed class GatewayFactory(RedisEntityClusterFixture cluster) : WebApplicationFactory<Program>
{
    public const string JwtIssuer = "ivr-storage-tests";
    public const string JwtAudience = "ivr-storage";
    public const string JwtSigningKey = "test-signing-key-for-ivr-storage-gateway-0123456789";

    /// <summary>Limit on request bodies in the tests, small so that 413 is cheap to provoke.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: its appsettings would add the dev keys.
        builder.UseEnvironment("Testing");
        builder.UseSetting("IvrStorage:RedisConnectionString", cluster.RedisConnectionString);
        builder.UseSetting("IvrStorage:ClusterId", cluster.ClusterId);
        builder.UseSetting("IvrStorage:ServiceId", RedisEntityClusterFixture.ServiceId);
        builder.UseSetting("IvrStorage:Source", "gateway-tests");
        foreach (var (key, value) in TestCertificates.Settings("IvrStorage:Tls", TestCertificates.Shared.Caller()))
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("IvrStorage:Resilience:RetryBaseDelay", "00:00:00.020");
        builder.UseSetting("IvrStorage:Resilience:BreakDuration", "00:00:01");
        builder.UseSetting("IvrStorage:GatewayListRefreshPeriod", "00:00:01");
        builder.UseSetting("IvrStorage:ResponseTimeout", "00:00:05");
        builder.UseSetting("Gateway:WritesPerMinute", "100000");
        builder.UseSetting("Gateway:ReadsPerMinute", "100000");
        builder.UseSetting("Gateway:MaxRequestBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Authentication:Jwt:Issuer", JwtIssuer);
        builder.UseSetting("Authentication:Jwt:Audience", JwtAudience);
        builder.UseSetting("Authentication:Jwt:SigningKey", JwtSigningKey);
        for (var i = 0; i < TestCallers.All.Count; i++)
        {
            var (name, key, scopes) = TestCallers.All[i];
            builder.UseSetting($"Authentication:ApiKeys:{i}:Name", name);
            builder.UseSetting($"Authentication:ApiKeys:{i}:Sha256", TestCallers.Sha256(key));
            for (var s = 0; s < scopes.Length; s++)
            {
                builder.UseSetting($"Authentication:ApiKeys:{i}:Scopes:{s}", scopes[s]);
            }
        }
    }
}
