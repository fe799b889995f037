using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>Issue 18: over HTTP a number the store would round is a 422 problem naming its JSON pointer.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ExactNumberEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Theory]
    [InlineData("""{"ids":[9007199254740993]}""", "/ids/0")]
    [InlineData("""{"x":{"y":-9007199254740993}}""", "/x/y")]
    [InlineData("""{"pi":3.14159265358979323846}""", "/pi")]
    public async Task should_answer_422_inexact_number_with_the_pointer_and_store_nothing(string body, string pointer)
    {
        var url = Url("call-session", NewId());

        var problem = await ProblemAsync(await PutAsync(url, body), HttpStatusCode.UnprocessableEntity, "inexact-number");

        Assert.Equal("InexactNumber", problem.GetProperty("code").GetString());
        Assert.Equal(pointer, problem.GetProperty("pointer").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task should_keep_the_boundary_values_exactly()
    {
        var url = Url("call-session", NewId());

        var put = await PutAsync(url, """{"max":9007199254740992,"min":-9007199254740992,"big":1e308,"tiny":5e-324}""");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var body = await (await GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("9007199254740992", body, StringComparison.Ordinal);
        Assert.Contains("1e+308", body, StringComparison.Ordinal);
        Assert.Contains("5e-324", body, StringComparison.Ordinal);
    }
}
