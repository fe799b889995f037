using System.Net;
using System.Text.Json.Nodes;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>GET /export: NDJSON against one head, scoped like history, refused before anything streams.</summary>
[Collection(AuditGatewayCollection.Name)]
public sealed class AuditExportEndpointTests(AuditGatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Fact]
    public async Task should_stream_a_header_naming_one_head_then_every_version_of_the_type_with_its_path()
    {
        var (id, treeSize) = await WriteAndWaitForLogAsync();

        var response = await GetAsync($"/export?type=call-session&treeSize={treeSize}", apiKey: TestCallers.CallFamily);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        Assert.Equal(treeSize, lines[0]["head"]!["treeSize"]!.GetValue<long>());
        Assert.Equal(treeSize, lines[0]["to"]!.GetValue<long>());
        var mine = lines.Skip(1).Where(l => l["id"]!.GetValue<string>() == id).ToList();
        Assert.Equal([1L, 2L], mine.Select(l => l["version"]!.GetValue<long>()));
        Assert.All(lines.Skip(1), l => Assert.Equal("call-session", l["type"]!.GetValue<string>()));
        Assert.All(mine, l => Assert.NotNull(l["payload"]));
        var leaves = lines.Skip(1).Select(l => l["leafIndex"]!.GetValue<long>()).ToList();
        Assert.Equal(leaves.Order(), leaves);
    }

    [Fact]
    public async Task should_refuse_a_caller_without_the_read_scope_with_403_and_stream_nothing()
    {
        var (_, treeSize) = await WriteAndWaitForLogAsync();

        // Attack: a writer of call-session (no read scope) asks for its export; a reader of call-* asks for every type.
        await ProblemAsync(await GetAsync($"/export?type=call-session&treeSize={treeSize}", apiKey: TestCallers.CallSessionWriter), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync("/export?type=other-type", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync($"/export?treeSize={treeSize}", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync("/export?type=call-session", apiKey: null), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/export?treeSize={treeSize}", apiKey: TestCallers.Reader)).StatusCode);
    }

    [Theory]
    [InlineData("/export?type=call-session&from=x")]
    [InlineData("/export?type=call-session&from=-1")]
    [InlineData("/export?type=call-session&to=999999999")]
    [InlineData("/export?type=call-session&from=2&to=1")]
    [InlineData("/export?type=call-session&treeSize=0")]
    [InlineData("/export?type=call-session&treeSize=999999999")]
    [InlineData("/export?type=Call%20Session")]
    public async Task should_answer_bad_export_parameters_with_400(string url)
    {
        await WriteAndWaitForLogAsync();

        await ProblemAsync(await GetAsync(url), HttpStatusCode.BadRequest);
    }

    /// <summary>Two versions of a new entity, and a head that covers them (one is signed per version here).</summary>
    private async Task<(string Id, long TreeSize)> WriteAndWaitForLogAsync()
    {
        var id = NewId();
        var url = Url("call-session", id);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, """{"state":"ringing"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(url, """{"state":"answered"}""")).StatusCode);
        var proof = await Eventually.ValueAsync(
            async () =>
            {
                var response = await GetAsync(url + "/versions/2/proof");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            },
            TimeSpan.FromSeconds(30),
            () => $"the log never covered {url}");
        return (id, JsonNode.Parse(proof)!["treeSize"]!.GetValue<long>());
    }
}
