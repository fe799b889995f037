using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private static Action<HttpRequestHeaders> Bearer(string token) => headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    [Fact]
    public async Task a_request_without_credentials_is_401_problem()
    {
        var response = await GetAsync(Url("call-session", NewId()), apiKey: null);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_forged_api_key_is_401_even_for_a_known_caller_name()
    {
        var response = await GetAsync(Url("call-session", NewId()), apiKey: "admin");

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_valid_jwt_with_the_scope_writes_and_reads_and_its_client_is_the_actor()
    {
        var token = TestTokens.Create("entities:write:call-session entities:read:call-session");
        var url = Url("call-session", NewId());

        var put = await PutAsync(url, """{"a":1}""", Bearer(token), apiKey: null);
        var version = await JsonAsync(await GetAsync(url + "/versions/1", Bearer(token), apiKey: null), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("jwt-worker", version.GetProperty("provenance").GetProperty("actor").GetString());
    }

    [Theory]
    [InlineData("wrong-signing-key-that-is-long-enough-0123456789", "ivr-storage", 5)]
    [InlineData(GatewayFactory.JwtSigningKey, "someone-else", 5)]
    [InlineData(GatewayFactory.JwtSigningKey, "ivr-storage", -30)]
    public async Task a_jwt_with_a_bad_signature_audience_or_lifetime_is_401(string key, string audience, int minutes)
    {
        var token = TestTokens.Create("entities:admin:*", signingKey: key, audience: audience, lifetime: TimeSpan.FromMinutes(minutes));

        var response = await GetAsync(Url("call-session", NewId()), Bearer(token), apiKey: null);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task an_unsigned_alg_none_jwt_is_401()
    {
        var response = await GetAsync(Url("call-session", NewId()), Bearer(TestTokens.Unsigned("entities:admin:*")), apiKey: null);

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_jwt_signed_with_the_right_key_but_another_algorithm_is_401()
    {
        // Same secret, another HMAC: accepted unless the algorithm is pinned to HS256.
        var token = TestTokens.Create("entities:admin:*", algorithm: SecurityAlgorithms.HmacSha384);

        await ProblemAsync(await GetAsync(Url("call-session", NewId()), Bearer(token), apiKey: null), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("someone-else")]
    [InlineData(null)]
    public async Task a_jwt_with_a_wrong_or_missing_issuer_is_401(string? issuer)
    {
        var token = TestTokens.Create("entities:admin:*", issuer: issuer);

        await ProblemAsync(await GetAsync(Url("call-session", NewId()), Bearer(token), apiKey: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_garbage_bearer_token_is_401()
    {
        await ProblemAsync(await GetAsync(Url("call-session", NewId()), Bearer("not.a.jwt"), apiKey: null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_reader_cannot_write_and_the_403_names_the_missing_scope()
    {
        var response = await PutAsync(Url("call-session", NewId()), """{"a":1}""", apiKey: TestCallers.Reader);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("entities:write:call-session", problem.GetProperty("requiredScope").GetString());
    }

    [Fact]
    public async Task a_worker_allowed_to_write_call_sessions_cannot_read_them_nor_touch_billing_accounts()
    {
        var id = NewId();

        var write = await PutAsync(Url("call-session", id), """{"a":1}""", apiKey: TestCallers.CallSessionWriter);
        var read = await GetAsync(Url("call-session", id), apiKey: TestCallers.CallSessionWriter);
        var otherType = await PutAsync(Url("billing-account", id), """{"a":1}""", apiKey: TestCallers.CallSessionWriter);
        var readOther = await GetAsync(Url("billing-account", id), apiKey: TestCallers.CallSessionWriter);

        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        await ProblemAsync(read, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(otherType, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(readOther, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task a_prefix_wildcard_scope_covers_matching_types_only()
    {
        var id = NewId();

        var callLeg = await PutAsync(Url("call-leg", id), """{"a":1}""", apiKey: TestCallers.CallFamily);
        var billing = await PutAsync(Url("billing-account", id), """{"a":1}""", apiKey: TestCallers.CallFamily);
        var readBack = await GetAsync(Url("call-leg", id), apiKey: TestCallers.CallFamily);

        Assert.Equal(HttpStatusCode.Created, callLeg.StatusCode);
        await ProblemAsync(billing, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, readBack.StatusCode);
    }

    [Fact]
    public async Task probes_and_the_api_description_need_no_credentials()
    {
        var health = await GetAsync("/alive", apiKey: null);
        var ready = await GetAsync("/health/ready", apiKey: null);
        var openApi = await JsonAsync(await GetAsync("/openapi/v1.json", apiKey: null), HttpStatusCode.OK);
        var scalar = await GetAsync("/scalar", apiKey: null);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/entities/{type}/{id}/versions", out _));
        Assert.Equal("X-Api-Key", openApi.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
    }
}
