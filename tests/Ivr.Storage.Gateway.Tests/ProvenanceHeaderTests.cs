using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ProvenanceHeaderTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private async Task<System.Text.Json.JsonElement> ProvenanceOfVersion1Async(string url) =>
        (await JsonAsync(await GetAsync(url + "/versions/1"), HttpStatusCode.OK)).GetProperty("provenance");

    [Fact]
    public async Task provenance_headers_are_stored_and_the_actor_is_the_authenticated_caller()
    {
        var url = Url("call-session", NewId());

        await PutAsync(url, """{"a":1}""", headers =>
        {
            headers.Add("X-Source", "ivr-server");
            headers.Add("X-Correlation-Id", "call-123");
            headers.Add("X-Causation-Id", "msg-9");
            headers.Add("X-Reason", "call answered");
        });

        var provenance = await ProvenanceOfVersion1Async(url);
        Assert.Equal("ivr-server", provenance.GetProperty("source").GetString());
        Assert.Equal("call-123", provenance.GetProperty("correlationId").GetString());
        Assert.Equal("msg-9", provenance.GetProperty("causationId").GetString());
        Assert.Equal("call answered", provenance.GetProperty("reason").GetString());
        Assert.Equal("admin", provenance.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task without_headers_the_source_is_the_caller_and_the_correlation_id_is_the_traceparent_trace_id()
    {
        var url = Url("call-session", NewId());
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        await PutAsync(url, """{"a":1}""", headers => headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"));

        var provenance = await ProvenanceOfVersion1Async(url);
        Assert.Equal("admin", provenance.GetProperty("source").GetString());
        Assert.Equal(traceId, provenance.GetProperty("correlationId").GetString());
    }
}
