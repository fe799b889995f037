using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests;

[Collection(AuditGatewayCollection.Name)]
public sealed class AuditEndpointTests(AuditGatewayFixture fixture) : GatewayTestBase(fixture)
{
    private readonly AuditGatewayFixture _audit = fixture;

    [Fact]
    public async Task should_return_a_proof_that_verifies_against_the_signed_head_alone()
    {
        var url = await WriteTwoVersionsAsync();

        var proof = await ProofAsync(url + "/versions/2/proof");
        var head = TreeHeadJson.Parse(JsonNode.Parse(proof.GetProperty("head").GetRawText()));
        var leaf = new LogLeaf(proof.GetProperty("type").GetString()!, proof.GetProperty("id").GetString()!, proof.GetProperty("version").GetInt64(), Convert.FromHexString(proof.GetProperty("chainHash").GetString()!));
        var inclusion = new InclusionProof(proof.GetProperty("leafIndex").GetInt64(), proof.GetProperty("treeSize").GetInt64(), [.. proof.GetProperty("path").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!))]);

        Assert.True(new AuditVerifier(_audit.Keys).VerifyVersion(leaf, inclusion, head).IsValid);
        var latest = await JsonAsync(await GetAsync("/log/heads/latest"), HttpStatusCode.OK);
        Assert.True(latest.GetProperty("treeSize").GetInt64() >= head.TreeSize);
        var consistency = await JsonAsync(await GetAsync($"/log/consistency?from={head.TreeSize}&to={head.TreeSize}"), HttpStatusCode.OK);
        Assert.Empty(consistency.GetProperty("path").EnumerateArray());
    }

    [Fact]
    public async Task should_hold_proofs_to_the_type_scope_and_the_log_to_every_type()
    {
        var url = await WriteTwoVersionsAsync();
        await ProofAsync(url + "/versions/1/proof");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url + "/versions/1/proof", apiKey: TestCallers.CallFamily)).StatusCode);
        await ProblemAsync(await GetAsync(url + "/versions/1/proof", apiKey: TestCallers.CallSessionWriter), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync("/log/heads/latest", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync("/log/consistency?from=1&to=1", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden);
        await ProblemAsync(await GetAsync("/log/heads/latest", apiKey: null), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/log/heads/latest", apiKey: TestCallers.Reader)).StatusCode);
    }

    [Theory]
    [InlineData("/versions/abc/proof", HttpStatusCode.BadRequest)]
    [InlineData("/versions/2/proof?treeSize=0", HttpStatusCode.BadRequest)]
    [InlineData("/versions/2/proof?treeSize=x", HttpStatusCode.BadRequest)]
    [InlineData("/versions/2/proof?treeSize=999999999", HttpStatusCode.BadRequest)]
    [InlineData("/versions/99/proof", HttpStatusCode.NotFound)]
    public async Task should_answer_bad_proof_requests_with_a_problem(string suffix, HttpStatusCode status)
    {
        var url = await WriteTwoVersionsAsync();
        await ProofAsync(url + "/versions/2/proof");

        await ProblemAsync(await GetAsync(url + suffix), status);
    }

    [Theory]
    [InlineData("/log/consistency?to=1")]
    [InlineData("/log/consistency?from=2&to=1")]
    [InlineData("/log/consistency?from=1&to=999999999")]
    [InlineData("/log/consistency?from=-1&to=1")]
    public async Task should_answer_bad_consistency_requests_with_400(string url) =>
        await ProblemAsync(await GetAsync(url), HttpStatusCode.BadRequest);

    private async Task<string> WriteTwoVersionsAsync()
    {
        var url = Url("call-session", NewId());
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(url, """{"state":"ringing"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(url, """{"state":"answered"}""")).StatusCode);
        return url;
    }

    /// <summary>The proof once the log has caught up with the write (a head is signed per version here).</summary>
    private async Task<JsonElement> ProofAsync(string url)
    {
        var body = await Eventually.ValueAsync(
            async () =>
            {
                var response = await GetAsync(url);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            },
            TimeSpan.FromSeconds(30),
            () => $"no proof for {url}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
