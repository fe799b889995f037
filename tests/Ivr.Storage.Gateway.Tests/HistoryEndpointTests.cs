using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HistoryEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private async Task<string> EntityWithVersionsAsync(int count)
    {
        var url = Url("call-session", NewId());
        for (var n = 1; n <= count; n++)
        {
            await PutAsync(url, $$"""{"n":{{n}}}""");
        }

        return url;
    }

    [Fact]
    public async Task history_pages_follow_the_next_link_until_the_last_page()
    {
        var url = await EntityWithVersionsAsync(5);
        var versions = new List<long>();

        var response = await GetAsync(url + "/versions?limit=2");
        var page = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        while (true)
        {
            versions.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("version").GetInt64()));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            page = await JsonAsync(await GetAsync(next), HttpStatusCode.OK);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], versions);
    }

    [Fact]
    public async Task history_newest_first_with_payloads_embeds_each_payload_as_json()
    {
        var url = await EntityWithVersionsAsync(3);

        var page = await JsonAsync(await GetAsync(url + "/versions?order=desc&payloads=true"), HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([3L, 2L, 1L], items.Select(item => item.GetProperty("version").GetInt64()));
        Assert.Equal(3, items[0].GetProperty("payload").GetProperty("n").GetInt32());
        Assert.Equal("put", items[0].GetProperty("kind").GetString());
        Assert.Equal("admin", items[0].GetProperty("provenance").GetProperty("source").GetString());
        Assert.True(page.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task one_version_is_returned_with_its_etag_and_unknown_or_malformed_versions_are_404_and_400()
    {
        var url = await EntityWithVersionsAsync(2);

        var one = await GetAsync(url + "/versions/1");
        var beyond = await GetAsync(url + "/versions/9");
        var malformed = await GetAsync(url + "/versions/first");

        var record = await JsonAsync(one, HttpStatusCode.OK);
        Assert.Equal("\"1\"", ETag(one));
        Assert.Equal(1, record.GetProperty("payload").GetProperty("n").GetInt32());
        Assert.Equal(new string('0', 64), record.GetProperty("previousHash").GetString());
        await ProblemAsync(beyond, HttpStatusCode.NotFound, "entity-not-found");
        var problem = await ProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("version", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=many")]
    [InlineData("?order=sideways")]
    [InlineData("?payloads=yes")]
    [InlineData("?cursor=not-a-cursor")]
    public async Task bad_history_arguments_are_400_problems(string query)
    {
        var url = await EntityWithVersionsAsync(1);

        await ProblemAsync(await GetAsync(url + "/versions" + query), HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task diff_returns_the_json_patch_and_needs_both_versions()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"a":1,"b":2}""");
        await PutAsync(url, """{"a":1,"b":3}""");

        var diff = await JsonAsync(await GetAsync(url + "/diff?from=1&to=2"), HttpStatusCode.OK);
        var missing = await GetAsync(url + "/diff?from=1");

        Assert.Equal(1, diff.GetProperty("from").GetInt64());
        Assert.Equal(2, diff.GetProperty("to").GetInt64());
        Assert.Equal("""[{"op":"replace","path":"/b","value":3}]""", diff.GetProperty("patch").GetRawText());
        Assert.Equal("to", (await ProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task verify_answers_on_get_and_post()
    {
        var url = await EntityWithVersionsAsync(3);

        var viaGet = await JsonAsync(await GetAsync(url + "/verify"), HttpStatusCode.OK);
        var viaPost = await JsonAsync(await SendAsync(HttpMethod.Post, url + "/verify"), HttpStatusCode.OK);

        Assert.True(viaGet.GetProperty("isValid").GetBoolean());
        Assert.Equal(3, viaPost.GetProperty("versionsChecked").GetInt64());
    }
}
