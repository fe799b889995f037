using System.Net;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 15, finding 1: a raw target such as <c>/entities/billing-account/a/../../call-session/x</c> routes (after the
/// server removed the dot segments) as call-session, which the caller may touch, while the key was parsed from the raw
/// target as billing-account, which it may not. Sent byte for byte to a real Kestrel listener, on every route under
/// /entities and in every spelling of the dots, it must be refused with 400 and leave the other type's entity as it was.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DotSegmentScopeBypassTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    /// <summary>Spellings of "..", each one the server's normalisation recognises.</summary>
    private static readonly string[] DotDots = ["..", "%2E%2E", "%2e%2E", ".%2e", "%2E."];

    private const string VictimType = "billing-account";
    private const string VictimPayload = """{"balance":100}""";

    public static TheoryData<string, string, string?> Routes => new()
    {
        { "GET", string.Empty, null },
        { "GET", "/versions", null },
        { "GET", "/versions/1", null },
        { "GET", "/diff?from=1&to=1", null },
        { "GET", "/verify", null },
        { "POST", "/verify", null },
        { "PUT", string.Empty, """{"balance":0}""" },
        { "PATCH", string.Empty, """{"balance":0}""" },
        { "DELETE", string.Empty, null },
        { "POST", "/versions/1/revert", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task a_dot_segment_target_cannot_reach_a_type_outside_the_callers_scope(string method, string suffix, string? body)
    {
        var victimId = NewId();
        await JsonAsync(await PutAsync(Url(VictimType, victimId), VictimPayload), HttpStatusCode.Created);

        foreach (var dots in DotDots)
        {
            var target = $"/entities/{VictimType}/{victimId}/{dots}/{dots}/call-session/{NewId()}{suffix}";

            var response = await SendRawAsync(method, target, body);

            AssertRefused(response, target);
        }

        await AssertUntouchedAsync(victimId);
    }

    [Fact]
    public async Task an_absolute_form_target_with_dot_segments_is_refused_too()
    {
        var victimId = NewId();
        await JsonAsync(await PutAsync(Url(VictimType, victimId), VictimPayload), HttpStatusCode.Created);
        var server = Fixture.KestrelClient.BaseAddress!;

        var target = $"http://{server.Authority}/entities/{VictimType}/{victimId}/../../call-session/{NewId()}";
        var response = await SendRawAsync("GET", target, body: null);

        AssertRefused(response, target);
        await AssertUntouchedAsync(victimId);
    }

    [Theory]
    [InlineData("/entities/./call-session/{id}")]
    [InlineData("/entities/call-session/{id}/%2e/versions")]
    [InlineData("/entities/call-session/{id}/./versions/1")]
    public async Task a_single_dot_segment_is_refused(string template)
    {
        var target = template.Replace("{id}", NewId(), StringComparison.Ordinal);

        AssertRefused(await SendRawAsync("GET", target, body: null), target);
    }

    [Theory]
    [InlineData("call-session%2F..%2F" + VictimType)]
    [InlineData("call-session%2f" + VictimType)]
    public async Task an_encoded_slash_in_the_type_is_refused(string type)
    {
        var target = $"/entities/{type}/{NewId()}";

        AssertRefused(await SendRawAsync("GET", target, body: null), target);
    }

    [Fact]
    public async Task the_same_caller_still_reaches_its_own_type_through_a_plain_target()
    {
        var id = NewId() + "/with..dots";
        var target = $"/entities/call-session/{Uri.EscapeDataString(id)}";

        var put = await SendRawAsync("PUT", target, """{"a":1}""");
        var get = await SendRawAsync("GET", target, body: null);

        Assert.True(put.Status == 201, $"PUT {target}: {put.Status} {put.Body}");
        Assert.Equal(200, get.Status);
    }

    private Task<RawHttp.Response> SendRawAsync(string method, string target, string? body)
    {
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = TestCallers.CallFamily };
        if (body is not null)
        {
            headers["Content-Type"] = method == "PATCH" ? "application/merge-patch+json" : "application/json";
        }

        return RawHttp.SendAsync(Fixture.KestrelClient.BaseAddress!, method, target, headers, body);
    }

    private static void AssertRefused(RawHttp.Response response, string target)
    {
        Assert.True(response.Status == 400, $"{target} answered {response.Status}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.Headers["Content-Type"], StringComparison.Ordinal);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal("urn:ivr-storage:problem:invalid-request-target", problem.GetProperty("type").GetString());
    }

    /// <summary>The victim is still at version 1 with its payload: nothing of the refused requests was applied.</summary>
    private async Task AssertUntouchedAsync(string victimId)
    {
        var current = await GetAsync(Url(VictimType, victimId));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("\"1\"", ETag(current));
        Assert.Equal(VictimPayload, await current.Content.ReadAsStringAsync());
    }
}
