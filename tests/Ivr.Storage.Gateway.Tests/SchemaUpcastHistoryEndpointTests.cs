using System.Net;
using System.Text.Json;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 18 over HTTP: <c>?schema=latest</c> on history pages, single versions, as-of reads and diffs shows each
/// version upcast from the schema version it was stored under (v1 read at v3 through two upcasters), says at which
/// version (<c>shownAtSchemaVersion</c>, <c>X-Schema-Version</c>), and leaves the stored history and its hashes as written.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SchemaUpcastHistoryEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    /// <summary>Versions 1 and 2 stored under schema v1, version 3 under v3; the feed position of schema v1, before them.</summary>
    private async Task<(string Type, string Id, string Before)> ThreeVersionsAcrossThreeSchemasAsync()
    {
        var (type, id) = ("call-upcast-" + Guid.NewGuid().ToString("N")[..10], NewId());
        using var schema = await SendAsync(HttpMethod.Put, $"/schemas/{type}", UpcastChainSchemas.V1, TestCallers.SchemaAdmin);
        Assert.Equal(HttpStatusCode.Created, schema.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, id), """{"caller":"+5511999990000"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Patch, Url(type, id), """{"agent":"ana"}""", contentType: "application/merge-patch+json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/schemas/{type}", UpcastChainSchemas.V2, TestCallers.SchemaAdmin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/schemas/{type}", UpcastChainSchemas.V3, TestCallers.SchemaAdmin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(Url(type, id), """{"from":"+5511999990000","priority":1,"channel":"chat"}""")).StatusCode);
        return (type, id, Assert.Single(schema.Headers.GetValues("X-Feed-Position")));
    }

    [Fact]
    public async Task should_show_a_history_page_at_the_latest_schema_and_keep_the_stored_schema_versions_and_hashes()
    {
        var (type, id, _) = await ThreeVersionsAcrossThreeSchemasAsync();

        var upcast = await JsonAsync(await GetAsync(Url(type, id, "/versions?payloads=true&limit=2&schema=latest"), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var stored = await JsonAsync(await GetAsync(Url(type, id, "/versions?payloads=true&limit=2"), apiKey: TestCallers.Reader), HttpStatusCode.OK);

        var first = upcast.GetProperty("items")[0];
        Assert.Equal("""{"channel":"voice","from":"+5511999990000","priority":0}""", first.GetProperty("payload").GetRawText());
        Assert.Equal(3, first.GetProperty("shownAtSchemaVersion").GetInt32());
        Assert.Equal(1, first.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(stored.GetProperty("items")[0].GetProperty("hash").GetString(), first.GetProperty("hash").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("items")[0].GetProperty("shownAtSchemaVersion").ValueKind);
        Assert.EndsWith("&schema=latest", upcast.GetProperty("next").GetString(), StringComparison.Ordinal);
        var verify = await JsonAsync(await GetAsync(Url(type, id, "/verify"), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        Assert.True(verify.GetProperty("isValid").GetBoolean());
    }

    [Fact]
    public async Task should_show_a_version_and_an_as_of_read_at_the_latest_schema_and_name_it()
    {
        var (type, id, _) = await ThreeVersionsAcrossThreeSchemasAsync();
        var second = await JsonAsync(await GetAsync(Url(type, id, "/versions/2"), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var instant = Uri.EscapeDataString(second.GetProperty("committedAt").GetDateTimeOffset().ToString("O"));

        var version = await JsonAsync(await GetAsync(Url(type, id, "/versions/1?schema=latest"), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var asOf = await GetAsync(Url(type, id, $"?asOf={instant}&schema=latest"), apiKey: TestCallers.Reader);

        Assert.Equal("""{"channel":"voice","from":"+5511999990000","priority":0}""", version.GetProperty("payload").GetRawText());
        Assert.Equal(3, version.GetProperty("shownAtSchemaVersion").GetInt32());
        Assert.Equal(HttpStatusCode.OK, asOf.StatusCode);
        Assert.Equal("""{"agent":"ana","channel":"voice","from":"+5511999990000","priority":0}""", await asOf.Content.ReadAsStringAsync());
        Assert.Equal("3", asOf.Headers.GetValues("X-Schema-Version").Single());
        Assert.Equal("\"2\"", ETag(asOf));
    }

    [Fact]
    public async Task should_diff_the_upcast_shapes_with_schema_latest()
    {
        var (type, id, _) = await ThreeVersionsAcrossThreeSchemasAsync();

        var upcast = await JsonAsync(await GetAsync(Url(type, id, "/diff?from=1&to=3&schema=latest"), apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var stored = await JsonAsync(await GetAsync(Url(type, id, "/diff?from=1&to=3"), apiKey: TestCallers.Reader), HttpStatusCode.OK);

        Assert.Equal(3, upcast.GetProperty("shownAtSchemaVersion").GetInt32());
        Assert.Equal(["/channel", "/priority"], upcast.GetProperty("patch").EnumerateArray().Select(op => op.GetProperty("path").GetString()).Order());
        Assert.Contains(stored.GetProperty("patch").EnumerateArray(), op => op.GetProperty("path").GetString() == "/caller");
    }

    [Fact]
    public async Task should_carry_the_stored_schema_version_and_the_upcast_payload_in_changes_with_schema_latest()
    {
        var (type, _, before) = await ThreeVersionsAcrossThreeSchemasAsync();

        // The feed shows a commit once older transactions on the shared server ended: wait (bounded) for all three.
        // Read after the schema's registration: from the feed's start, one page may not reach this type's rows.
        var changes = await Eventually.ValueAsync(
            async () => (await JsonAsync(await GetAsync($"/changes?types={type}&schema=latest&after={before}", apiKey: TestCallers.Reader), HttpStatusCode.OK))
                .GetProperty("changes").EnumerateArray().Select(change => change.Clone()).ToArray() is { Length: 3 } page ? page : null,
            TimeSpan.FromSeconds(30), () => $"the feed did not show the 3 versions of {type}");

        var first = changes[0];
        Assert.Equal($"urn:ivr-storage:schema:{type}:1", first.GetProperty("dataschema").GetString());
        Assert.Equal(1, first.GetProperty("data").GetProperty("schemaVersion").GetInt32());
        Assert.Equal(3, first.GetProperty("data").GetProperty("shownAtSchemaVersion").GetInt32());
        Assert.Equal("""{"channel":"voice","from":"+5511999990000","priority":0}""", first.GetProperty("data").GetProperty("payload").GetRawText());
        var stored = await JsonAsync(await GetAsync($"/changes?types={type}&after={before}", apiKey: TestCallers.Reader), HttpStatusCode.OK);
        Assert.Equal("""{"caller":"+5511999990000"}""", stored.GetProperty("changes")[0].GetProperty("data").GetProperty("payload").GetRawText());
        Assert.False(stored.GetProperty("changes")[0].GetProperty("data").TryGetProperty("shownAtSchemaVersion", out _));
    }

    [Fact]
    public async Task should_return_the_stored_history_of_a_type_without_a_schema()
    {
        var (type, id) = ("call-upcast-" + Guid.NewGuid().ToString("N")[..10], NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, id), """{"free":"form"}""")).StatusCode);

        var upcast = await JsonAsync(await GetAsync(Url(type, id, "/versions?payloads=true&schema=latest"), apiKey: TestCallers.Reader), HttpStatusCode.OK);

        var item = Assert.Single(upcast.GetProperty("items").EnumerateArray());
        Assert.Equal("""{"free":"form"}""", item.GetProperty("payload").GetRawText());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("shownAtSchemaVersion").ValueKind);
    }

    [Theory]
    [InlineData("/versions?schema=newest")]
    [InlineData("/versions/1?schema=")]
    [InlineData("/diff?from=1&to=1&schema=v2")]
    [InlineData("/changes?schema=upcast")]
    public async Task should_refuse_400_a_schema_argument_it_cannot_serve(string suffix)
    {
        var (type, id) = ("call-upcast-" + Guid.NewGuid().ToString("N")[..10], NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, id), """{"free":"form"}""")).StatusCode);

        var url = suffix.StartsWith("/changes", StringComparison.Ordinal) ? suffix : Url(type, id, suffix);
        var problem = await ProblemAsync(await GetAsync(url, apiKey: TestCallers.Reader), HttpStatusCode.BadRequest);

        Assert.Equal("schema", problem.GetProperty("field").GetString());
    }
}
