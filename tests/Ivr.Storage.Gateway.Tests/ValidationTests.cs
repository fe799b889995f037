using System.Net;
using System.Net.Http.Headers;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ValidationTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Theory]
    [InlineData("""{"a":""", "MalformedJson", HttpStatusCode.BadRequest)]
    [InlineData("", "MalformedJson", HttpStatusCode.BadRequest)]
    [InlineData("""[1,2,3]""", "InvalidPayload", HttpStatusCode.UnprocessableEntity)]
    [InlineData("\"text\"", "InvalidPayload", HttpStatusCode.UnprocessableEntity)]
    public async Task unacceptable_bodies_are_problems_with_the_validation_code(string body, string code, HttpStatusCode status)
    {
        var response = await PutAsync(Url("call-session", NewId()), body);

        var problem = await ProblemAsync(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_invalid_type_or_an_overlong_id_is_400_with_its_code()
    {
        var badType = await PutAsync(Url("Call_Session", NewId()), """{"a":1}""");
        var longId = await PutAsync(Url("call-session", new string('x', 300)), """{"a":1}""");

        Assert.Equal("InvalidType", (await ProblemAsync(badType, HttpStatusCode.BadRequest, "invalid-request")).GetProperty("code").GetString());
        Assert.Equal("InvalidId", (await ProblemAsync(longId, HttpStatusCode.BadRequest, "invalid-request")).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("%0D%0Aforged: log line")]
    [InlineData("%0A")]
    [InlineData("%09tab")]
    [InlineData("%1B%5B31mred")]
    [InlineData("del%7F")]
    [InlineData("nel%C2%85")]
    public async Task an_id_with_a_control_character_is_400_invalid_id_on_every_verb_and_stores_nothing(string escapedSuffix)
    {
        var url = $"/entities/call-session/{NewId()}{escapedSuffix}";

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Get, HttpMethod.Delete })
        {
            var response = await SendAsync(method, url, method == HttpMethod.Put || method == HttpMethod.Patch ? """{"a":1}""" : null,
                contentType: method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json", client: Fixture.KestrelClient);

            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
            Assert.Equal("InvalidId", problem.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task a_type_with_a_trailing_newline_is_400_invalid_type()
    {
        var response = await SendAsync(HttpMethod.Put, $"/entities/call-session%0A/{NewId()}", """{"a":1}""", client: Fixture.KestrelClient);

        Assert.Equal("InvalidType", (await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_overlong_provenance_header_is_400_invalid_provenance()
    {
        var response = await PutAsync(Url("call-session", NewId()), """{"a":1}""", headers => headers.Add("X-Reason", new string('r', 600)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidProvenance", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task a_body_over_the_limit_is_413_whether_or_not_it_declares_its_length()
    {
        var url = Url("call-session", NewId());
        var big = "{\"a\":\"" + new string('x', GatewayFactory.MaxBodyBytes) + "\"}";

        var declared = await PutAsync(url, big);
        var chunked = await SendChunkedAsync(url, big);

        await ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await ProblemAsync(await GetAsync(url), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_body_that_is_not_utf8_is_400_malformed_json()
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Url("call-session", NewId())) { Content = new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D]) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.Add("X-Api-Key", TestCallers.Admin);

        var response = await Fixture.Client.SendAsync(request);

        Assert.Equal("MalformedJson", (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task an_unknown_route_is_a_404_problem()
    {
        await ProblemAsync(await GetAsync("/entities/call-session"), HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> SendChunkedAsync(string url, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new UnseekableStream(System.Text.Encoding.UTF8.GetBytes(json))) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Api-Key", TestCallers.Admin);
        return Fixture.Client.SendAsync(request);
    }

    /// <summary>A stream whose length is unknown, so the request goes without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
