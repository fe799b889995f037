using System.Net;

namespace Ivr.Storage.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class IdempotencyKeyTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private static Action<System.Net.Http.Headers.HttpRequestHeaders> Key(string key) => headers => headers.Add("Idempotency-Key", key);

    [Fact]
    public async Task repeating_a_write_with_the_same_idempotency_key_replays_the_original_result()
    {
        var url = Url("call-session", NewId());

        var first = await JsonAsync(await PutAsync(url, """{"n":1}""", Key("k-1")), HttpStatusCode.Created);
        var repeat = await PutAsync(url, """{"n":1}""", Key("k-1"));

        var replay = await JsonAsync(repeat, HttpStatusCode.Created);
        Assert.True(replay.GetProperty("idempotentReplay").GetBoolean());
        Assert.Equal(first.GetProperty("hash").GetString(), replay.GetProperty("hash").GetString());
        Assert.Equal("\"1\"", ETag(repeat));
    }

    [Fact]
    public async Task reusing_an_idempotency_key_for_a_different_body_is_409_naming_the_key_and_original_version()
    {
        var url = Url("call-session", NewId());
        await PutAsync(url, """{"n":1}""", Key("k-2"));

        var conflict = await PutAsync(url, """{"n":2}""", Key("k-2"));

        var problem = await ProblemAsync(conflict, HttpStatusCode.Conflict, "idempotency-conflict");
        Assert.Equal("k-2", problem.GetProperty("idempotencyKey").GetString());
        Assert.Equal(1, problem.GetProperty("originalVersion").GetInt64());
    }
}
