using System.Net;
using Ivr.Storage.Contracts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// <c>If-Match: *</c> is <see cref="ExpectedVersion.Exists"/>: the grain checks it as it writes, so the gateway no longer
/// reads the entity first (it used to, to pin the version it saw) and there is no window between a read and the write.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IfMatchStarTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task if_match_star_on_a_missing_entity_is_412_and_creates_nothing()
    {
        var url = Url("call-session", NewId());

        var put = await PutAsync(url, """{"n":1}""", IfMatch("*"));
        var patch = await SendAsync(HttpMethod.Patch, url, """{"n":1}""", contentType: MergePatch, headers: IfMatch("*"));
        var delete = await SendAsync(HttpMethod.Delete, url, headers: IfMatch("*"));

        foreach (var answer in new[] { put, patch, delete })
        {
            var problem = await ProblemAsync(answer, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
            Assert.Equal("*", problem.GetProperty("expectedVersion").GetString());
            Assert.Equal(0, problem.GetProperty("actualVersion").GetInt64());
            Assert.False(problem.GetProperty("actualDeleted").GetBoolean());
        }

        await ProblemAsync(await GetAsync(url), HttpStatusCode.NotFound, "entity-not-found");
    }

    [Fact]
    public async Task if_match_star_on_a_deleted_entity_is_412_naming_the_delete()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""");
        await SendAsync(HttpMethod.Delete, url);

        var put = await PutAsync(url, """{"n":2}""", IfMatch("*"));
        var patch = await SendAsync(HttpMethod.Patch, url, """{"n":2}""", contentType: MergePatch, headers: IfMatch("*"));
        var delete = await SendAsync(HttpMethod.Delete, url, headers: IfMatch("*"));

        foreach (var answer in new[] { put, patch, delete })
        {
            var problem = await ProblemAsync(answer, HttpStatusCode.PreconditionFailed, "concurrency-conflict");
            Assert.Equal("*", problem.GetProperty("expectedVersion").GetString());
            Assert.Equal(2, problem.GetProperty("actualVersion").GetInt64());
            Assert.True(problem.GetProperty("actualDeleted").GetBoolean());
        }

        await ProblemAsync(await GetAsync(url), HttpStatusCode.Gone, "entity-deleted");
    }

    [Fact]
    public async Task if_match_star_on_an_existing_entity_writes_with_the_write_alone_and_no_read_before_it()
    {
        var calls = new EntityGrainCalls();
        await using var gateway = Fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IOutgoingGrainCallFilter>(calls)));
        using var client = gateway.CreateClient();
        var id = NewId();
        var url = Url("call-session", id);
        var key = EntityKey.Create("call-session", id);
        await SendAsync(HttpMethod.Put, url, """{"n":1}""", client: client);

        var put = await SendAsync(HttpMethod.Put, url, """{"n":2}""", headers: IfMatch("*"), client: client);
        var patch = await SendAsync(HttpMethod.Patch, url, """{"m":3}""", contentType: MergePatch, headers: IfMatch("*"), client: client);
        var delete = await SendAsync(HttpMethod.Delete, url, headers: IfMatch("*"), client: client);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("\"2\"", ETag(put));
        Assert.Equal("\"3\"", ETag(patch));
        Assert.Equal("\"4\"", ETag(delete));
        Assert.Equal(["Put", "Put", "Patch", "Delete"], calls.To(key));
    }
}
