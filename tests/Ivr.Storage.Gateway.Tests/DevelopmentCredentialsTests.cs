using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 15, finding 9: the development credentials are public, so a gateway that accepts them must only listen on
/// loopback, and a symmetric JWT key without an issuer is refused; both at start-up, with a message saying why.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DevelopmentCredentialsTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const string DevelopmentApiKey = "dev-only-ivr-storage-key";
    private const string DevelopmentSigningKey = "dev-only-signing-key-not-a-secret-0123456789";

    /// <summary>An index after the test callers' keys, so they stay configured.</summary>
    private static readonly string DevKeyEntry = $"Authentication:ApiKeys:{TestCallers.All.Count}";

    [Theory]
    [InlineData("http://0.0.0.0:18091")]
    [InlineData("http://127.0.0.1:18091;http://*:18092")]
    [InlineData("http://[::]:18091")]
    [InlineData("http://ivr-gateway.internal:18091")]
    public async Task the_development_api_key_on_a_listener_that_is_not_loopback_refuses_to_start(string urls)
    {
        var error = await StartupErrorAsync([.. DevelopmentKey(), ("Urls", urls)]);

        Assert.Contains("Refusing to start", error, StringComparison.Ordinal);
        Assert.Contains("API key 'dev-admin'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_development_jwt_signing_key_on_a_listener_that_is_not_loopback_refuses_to_start()
    {
        var error = await StartupErrorAsync(("Authentication:Jwt:SigningKey", DevelopmentSigningKey), ("Urls", "http://0.0.0.0:18091"));

        Assert.Contains("JWT signing key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task container_ports_bind_every_interface_and_count_as_not_loopback()
    {
        var error = await StartupErrorAsync([.. DevelopmentKey(), ("Urls", string.Empty), ("http_ports", "8080")]);

        Assert.Contains("http://*:8080", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task on_loopback_the_development_key_still_works()
    {
        await using var gateway = Fixture.With([.. DevelopmentKey(), ("Urls", "http://127.0.0.1:18091")]);
        using var client = gateway.CreateClient();

        var response = await SendAsync(HttpMethod.Get, Url("call-session", NewId()), apiKey: DevelopmentApiKey, client: client);

        await ProblemAsync(response, HttpStatusCode.NotFound, "entity-not-found");
    }

    [Fact]
    public async Task a_jwt_signing_key_without_an_issuer_refuses_to_start()
    {
        var error = await StartupErrorAsync(("Authentication:Jwt:Issuer", string.Empty));

        Assert.Contains("Authentication:Jwt:Issuer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_short_jwt_signing_key_refuses_to_start()
    {
        var error = await StartupErrorAsync(("Authentication:Jwt:SigningKey", "too-short"));

        Assert.Contains("at least 32 bytes", error, StringComparison.Ordinal);
    }

    private static (string, string)[] DevelopmentKey() =>
    [
        ($"{DevKeyEntry}:Name", "dev-admin"),
        ($"{DevKeyEntry}:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DevelopmentApiKey)))),
        ($"{DevKeyEntry}:Scopes:0", "entities:admin:*"),
    ];

    /// <summary>Starts a gateway with <paramref name="settings"/> and returns what it failed with (the test fails if it started).</summary>
    private async Task<string> StartupErrorAsync(params (string Key, string Value)[] settings)
    {
        WebApplicationFactory<Program>? gateway = Fixture.With(settings);
        try
        {
            using var client = gateway.CreateClient();
            Assert.Fail("the gateway started with " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")));
            return string.Empty;
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            return ex.ToString();
        }
        finally
        {
            try
            {
                await gateway.DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or AggregateException or OperationCanceledException)
            {
                // A host that never started may fail to stop as well.
            }
        }
    }
}
