using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class PreconditionTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task if_match_with_the_current_version_writes_and_a_stale_one_is_412_naming_both_versions()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");
        await PutAsync(url, """{"n":2}""");

        var current = await PutAsync(url, """{"n":3}""", IfMatch("\"2\""));
        var stale = await PutAsync(url, """{"n":4}""", IfMatch("\"2\""));

        Assert.Equal("\"3\"", ETag(current));
        var problem = await ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
        Assert.Equal(2, problem.GetProperty("expectedVersion").GetInt64());
        Assert.Equal(3, problem.GetProperty("actualVersion").GetInt64());
        Assert.Equal("""{"n":3}""", await (await GetAsync(url)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task if_none_match_star_creates_a_new_entity_and_is_412_when_it_exists()
    {
        var url = Url("call-session", NewId());

        var created = await PutAsync(url, """{"n":1}""", IfNoneMatch("*"));
        var again = await PutAsync(url, """{"n":2}""", IfNoneMatch("*"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var problem = await ProblemAsync(again, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
        Assert.Equal("none", problem.GetProperty("expectedVersion").GetString());
    }

    [Fact]
    public async Task if_match_star_requires_the_entity_to_exist()
    {
        var url = Url("call-session", NewId());

        var missing = await PutAsync(url, """{"n":1}""", IfMatch("*"));
        await PutAsync(url, """{"n":1}""");
        var existing = await PutAsync(url, """{"n":2}""", IfMatch("*"));

        await ProblemAsync(missing, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
    }

    [Fact]
    public async Task a_weak_etag_never_satisfies_if_match_and_a_malformed_one_is_400()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");

        var weak = await PutAsync(url, """{"n":2}""", IfMatch("W/\"1\""));
        var malformed = await PutAsync(url, """{"n":2}""", IfMatch("version-one"));
        var several = await PutAsync(url, """{"n":2}""", IfMatch("\"1\", \"2\""));

        await ProblemAsync(weak, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
        await ProblemAsync(malformed, HttpStatusCode.BadRequest, "invalid-request");
        await ProblemAsync(several, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task delete_and_patch_honour_if_match_too()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");

        var stalePatch = await SendAsync(HttpMethod.Patch, url, """{"n":2}""", contentType: "application/merge-patch+json", headers: IfMatch("\"7\""));
        var staleDelete = await SendAsync(HttpMethod.Delete, url, headers: IfMatch("\"7\""));
        var delete = await SendAsync(HttpMethod.Delete, url, headers: IfMatch("\"1\""));

        await ProblemAsync(stalePatch, HttpStatusCode.PreconditionFailed);
        await ProblemAsync(staleDelete, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", ETag(delete));
    }

    [Fact]
    public async Task when_configured_a_write_without_a_precondition_is_428()
    {
        await using var strict = Fixture.With(("Gateway:RequirePreconditionOnWrites", "true"));
        using var client = strict.CreateClient();
        var url = Url("call-session", NewId());

        var bare = await SendAsync(HttpMethod.Put, url, """{"n":1}""", client: client);
        var conditional = await SendAsync(HttpMethod.Put, url, """{"n":1}""", headers: IfNoneMatch("*"), client: client);

        await ProblemAsync(bare, HttpStatusCode.PreconditionRequired, "precondition-required");
        Assert.Equal(HttpStatusCode.Created, conditional.StatusCode);
    }
}
