using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Ids are stored verbatim; the URL carries them percent-encoded and the gateway decodes them exactly once. These
/// tests go through Kestrel, which hands the gateway the raw request target, as in production.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IdRoutingTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private HttpClient Kestrel => Fixture.KestrelClient;

    [Fact]
    public async Task the_test_server_path_also_decodes_ids_with_escaped_slashes_spaces_and_unicode()
    {
        var id = NewId() + "/a b/ü☎";

        var put = await PutAsync(Url("call-session", id), """{"a":1}""");

        Assert.Equal(id, (await JsonAsync(put, HttpStatusCode.Created)).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("tenant/42/call")]
    [InlineData("with space and + plus")]
    [InlineData("ünïcødé-☎-通话")]
    [InlineData("literal %2F and 100%")]
    [InlineData("?query#fragment&")]
    public async Task ids_needing_escaping_round_trip_through_put_get_location_and_history(string suffix)
    {
        var id = NewId() + suffix;
        var url = Url("call-session", id);

        var put = await SendAsync(HttpMethod.Put, url, """{"a":1}""", client: Kestrel);
        var body = await JsonAsync(put, HttpStatusCode.Created);
        var viaLocation = await SendAsync(HttpMethod.Get, put.Headers.Location!.OriginalString, client: Kestrel);
        var version = await JsonAsync(await SendAsync(HttpMethod.Get, url + "/versions/1", client: Kestrel), HttpStatusCode.OK);

        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, viaLocation.StatusCode);
        Assert.Equal(id, version.GetProperty("id").GetString());
    }

    [Fact]
    public async Task an_escaped_slash_and_a_literal_slash_name_different_resources()
    {
        var prefix = NewId();
        await SendAsync(HttpMethod.Put, Url("call-session", prefix + "/x"), """{"a":1}""", client: Kestrel);

        // Unescaped, the slash splits the path: /entities/call-session/{prefix}/x is no entity route.
        var literal = await SendAsync(HttpMethod.Get, $"/entities/call-session/{prefix}/x", client: Kestrel);
        var escaped = await SendAsync(HttpMethod.Get, Url("call-session", prefix + "/x"), client: Kestrel);

        Assert.Equal(HttpStatusCode.NotFound, literal.StatusCode);
        Assert.Equal(HttpStatusCode.OK, escaped.StatusCode);
    }
}
