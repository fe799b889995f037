using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class EntityEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task put_of_a_new_entity_answers_201_with_location_etag_and_the_write_result()
    {
        var id = NewId();

        var response = await PutAsync(Url("call-session", id), """{"state":"ringing"}""");

        var body = await JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/entities/call-session/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", ETag(response));
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal("call-session", body.GetProperty("type").GetString());
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(64, body.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task put_of_an_existing_entity_answers_200_and_get_returns_the_canonical_payload_with_its_etag()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"state":"ringing"}""");

        var replaced = await PutAsync(url, """{"state":"answered","agent":"ann"}""");
        var get = await GetAsync(url);

        await JsonAsync(replaced, HttpStatusCode.OK);
        Assert.Equal("\"2\"", ETag(replaced));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("\"2\"", ETag(get));
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"agent":"ann","state":"answered"}""", await get.Content.ReadAsStringAsync());
        Assert.NotNull(get.Content.Headers.LastModified);
    }

    [Fact]
    public async Task get_with_a_matching_if_none_match_answers_304_and_a_stale_one_the_payload()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");
        await PutAsync(url, """{"n":2}""");

        var current = await GetAsync(url, IfNoneMatch("\"2\""));
        var stale = await GetAsync(url, IfNoneMatch("\"1\""));

        Assert.Equal(HttpStatusCode.NotModified, current.StatusCode);
        Assert.Equal("\"2\"", ETag(current));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task patch_with_merge_patch_json_merges_and_any_other_content_type_is_415()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"a":1,"b":{"c":2}}""");

        var patched = await SendAsync(HttpMethod.Patch, url, """{"b":{"c":null,"d":3}}""", contentType: "application/merge-patch+json");
        var plainJson = await SendAsync(HttpMethod.Patch, url, """{"a":2}""", contentType: "application/json");
        var putAsText = await SendAsync(HttpMethod.Put, url, """{"a":2}""", contentType: "text/plain");
        var notUtf8 = await SendAsync(HttpMethod.Put, url, """{"a":2}""", contentType: "application/json; charset=iso-8859-1");

        var body = await JsonAsync(patched, HttpStatusCode.OK);
        Assert.Equal(2, body.GetProperty("version").GetInt64());
        Assert.Equal("""{"a":1,"b":{"d":3}}""", await (await GetAsync(url)).Content.ReadAsStringAsync());
        // Routing refuses media types the endpoint does not declare; the gateway itself refuses other charsets.
        await ProblemAsync(plainJson, HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(putAsText, HttpStatusCode.UnsupportedMediaType);
        await ProblemAsync(notUtf8, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(2, (await JsonAsync(await SendAsync(HttpMethod.Get, url + "/verify"), HttpStatusCode.OK)).GetProperty("versionsChecked").GetInt64());
    }

    [Fact]
    public async Task delete_writes_a_tombstone_and_get_then_answers_410_naming_the_deleted_version()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"a":1}""");

        var deleted = await SendAsync(HttpMethod.Delete, url);
        var get = await GetAsync(url);

        var body = await JsonAsync(deleted, HttpStatusCode.OK);
        Assert.True(body.GetProperty("deleted").GetBoolean());
        Assert.Equal("\"2\"", ETag(deleted));
        var problem = await ProblemAsync(get, HttpStatusCode.Gone, "entity-deleted");
        Assert.Equal(2, problem.GetProperty("deletedVersion").GetInt64());
        Assert.Equal("call-session", problem.GetProperty("entity").GetProperty("type").GetString());
    }

    [Fact]
    public async Task get_of_an_entity_never_written_answers_404_naming_the_entity()
    {
        var id = NewId();

        var problem = await ProblemAsync(await GetAsync(Url("call-session", id)), HttpStatusCode.NotFound, "entity-not-found");

        Assert.Equal(id, problem.GetProperty("entity").GetProperty("id").GetString());
        Assert.Contains(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task get_as_of_returns_the_version_in_effect_then_and_bad_or_early_instants_are_400_and_404()
    {
        var url = Url("call-session", NewId());
        var first = await JsonAsync(await PutAsync(url, """{"n":1}"""), HttpStatusCode.Created);
        await PutAsync(url, """{"n":2}""");
        var at = first.GetProperty("committedAt").GetDateTimeOffset().ToString("O");

        var then = await GetAsync($"{url}?asOf={Uri.EscapeDataString(at)}");
        var bad = await GetAsync($"{url}?asOf=yesterday");
        var early = await GetAsync($"{url}?asOf=2000-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, then.StatusCode);
        Assert.Equal("""{"n":1}""", await then.Content.ReadAsStringAsync());
        Assert.Equal("\"1\"", ETag(then));
        Assert.EndsWith("/versions/1", then.Content.Headers.ContentLocation?.OriginalString, StringComparison.Ordinal);
        var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("asOf", problem.GetProperty("field").GetString());
        await ProblemAsync(early, HttpStatusCode.NotFound, "entity-not-found");
    }

    [Fact]
    public async Task revert_writes_the_payload_of_an_earlier_version_and_reverting_to_a_tombstone_is_422()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");
        await PutAsync(url, """{"n":2}""");

        var reverted = await SendAsync(HttpMethod.Post, url + "/versions/1/revert");
        await SendAsync(HttpMethod.Delete, url);
        var toTombstone = await SendAsync(HttpMethod.Post, url + "/versions/4/revert");

        Assert.Equal(3, (await JsonAsync(reverted, HttpStatusCode.OK)).GetProperty("version").GetInt64());
        var problem = await ProblemAsync(toTombstone, HttpStatusCode.UnprocessableEntity, "invalid-operation");
        Assert.Equal("InvalidOperation", problem.GetProperty("code").GetString());
    }
}
