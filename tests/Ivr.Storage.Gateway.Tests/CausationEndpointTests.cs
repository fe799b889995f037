using System.Net;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Lookup by message (issue 20): <c>GET /causations/{messageId}/versions</c> lists the versions whose causation id is
/// the message id, keyset-paged, and only of types the caller may read.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CausationEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private static string NewType(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private Task<HttpResponseMessage> WriteCausedAsync(string url, string causationId) =>
        PutAsync(url, """{"n":1}""", headers => headers.Add("X-Causation-Id", causationId));

    private static string Causations(string messageId, string query = "") => $"/causations/{Uri.EscapeDataString(messageId)}/versions{query}";

    private static IEnumerable<string> Ids(JsonElement page) =>
        page.GetProperty("versions").EnumerateArray().Select(version => version.GetProperty("id").GetString()!);

    [Fact]
    public async Task a_message_id_finds_every_version_it_caused_in_key_order_one_page_at_a_time()
    {
        var type = NewType("call-caused");
        // A slash in the id, as in the relay's own message ids: it must round-trip through the raw target.
        var messageId = $"orders/{NewId()}";
        await JsonAsync(await WriteCausedAsync(Url(type, "b"), messageId), HttpStatusCode.Created);
        await JsonAsync(await WriteCausedAsync(Url(type, "a"), messageId), HttpStatusCode.Created);
        await JsonAsync(await WriteCausedAsync(Url(type, "a"), messageId), HttpStatusCode.OK);
        await JsonAsync(await WriteCausedAsync(Url(type, "c"), "another-" + NewId()), HttpStatusCode.Created);

        var first = await JsonAsync(await GetAsync(Causations(messageId, "?limit=2")), HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await JsonAsync(await GetAsync(Causations(messageId, $"?limit=2&cursor={Uri.EscapeDataString(cursor)}")), HttpStatusCode.OK);
        var overKestrel = await JsonAsync(await SendAsync(HttpMethod.Get, Causations(messageId), client: Fixture.KestrelClient), HttpStatusCode.OK);

        Assert.Equal(messageId, first.GetProperty("causationId").GetString());
        Assert.Equal([$"{type}/a@1", $"{type}/a@2"], Ids(first));
        Assert.Equal([$"{type}/b@1"], Ids(second));
        Assert.False(second.TryGetProperty("nextCursor", out _), "The last page has no cursor.");
        Assert.Equal([$"{type}/a@1", $"{type}/a@2", $"{type}/b@1"], Ids(overKestrel));
        var data = first.GetProperty("versions")[0].GetProperty("data");
        Assert.Equal(messageId, data.GetProperty("provenance").GetProperty("causationId").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("payload").ValueKind);
        Assert.False(string.IsNullOrEmpty(data.GetProperty("position").GetString()));
    }

    [Fact]
    public async Task a_caller_scoped_to_one_type_family_learns_nothing_of_another_type_s_versions_of_the_same_message()
    {
        var visible = NewType("call-scoped");
        var hidden = NewType("billing-scoped");
        var messageId = "msg-" + NewId();
        // Hidden keys sort before and after the visible one, so neither a page nor its cursor can carry them.
        await JsonAsync(await WriteCausedAsync(Url(hidden, "a"), messageId), HttpStatusCode.Created);
        await JsonAsync(await WriteCausedAsync(Url(visible, "m"), messageId), HttpStatusCode.Created);
        await JsonAsync(await WriteCausedAsync(Url(hidden, "z"), messageId), HttpStatusCode.Created);

        var scoped = await JsonAsync(await GetAsync(Causations(messageId, "?limit=1"), apiKey: TestCallers.CallFamily), HttpStatusCode.OK);
        var everything = await JsonAsync(await GetAsync(Causations(messageId), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var asked = await ProblemAsync(await GetAsync(Causations(messageId, $"?types={hidden}"), apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden, "forbidden");
        var writerOnly = await JsonAsync(await GetAsync(Causations(messageId), apiKey: TestCallers.CallSessionWriter), HttpStatusCode.OK);

        Assert.Equal([$"{visible}/m@1"], Ids(scoped));
        // One visible version and a limit of 1: only a lookup that saw the hidden rows would offer another page.
        Assert.False(scoped.TryGetProperty("nextCursor", out _), $"A cursor after the visible version hints at hidden ones: {scoped}");
        Assert.DoesNotContain(hidden, scoped.GetRawText(), StringComparison.Ordinal);
        Assert.Equal([$"{hidden}/a@1", $"{hidden}/z@1", $"{visible}/m@1"], Ids(everything).Order(StringComparer.Ordinal));
        Assert.Contains($"entities:read:{hidden}", asked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Ids(writerOnly));
    }

    [Fact]
    public async Task bad_arguments_are_400_problems_naming_the_argument_and_anonymous_callers_are_401()
    {
        var limit = await ProblemAsync(await GetAsync(Causations("m", "?limit=0")), HttpStatusCode.BadRequest, "invalid-request");
        var tooMany = await ProblemAsync(await GetAsync(Causations("m", "?limit=1001")), HttpStatusCode.BadRequest, "invalid-request");
        var cursor = await ProblemAsync(await GetAsync(Causations("m", "?cursor=not-a-cursor")), HttpStatusCode.BadRequest, "invalid-request");
        var longId = await ProblemAsync(await GetAsync(Causations(new string('x', 513))), HttpStatusCode.BadRequest, "invalid-request");
        var types = await ProblemAsync(await GetAsync(Causations("m", "?types=Call-Session")), HttpStatusCode.BadRequest, "invalid-request");
        var anonymous = await GetAsync(Causations("m"), apiKey: null);

        Assert.Equal("limit", limit.GetProperty("field").GetString());
        Assert.Equal("limit", tooMany.GetProperty("field").GetString());
        Assert.Equal("cursor", cursor.GetProperty("field").GetString());
        Assert.Equal("causationId", longId.GetProperty("field").GetString());
        Assert.Equal("types", types.GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
