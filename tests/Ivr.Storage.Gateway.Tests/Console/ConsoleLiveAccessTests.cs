using System.Net;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>The Live page's fragments (status, stream) need a session, and the stream refuses types outside the scopes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLiveAccessTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("/console/live/status")]
    [InlineData("/console/live/stream")]
    [InlineData("/console/health")]
    public async Task a_fragment_without_a_session_redirects_to_login(string url)
    {
        using var client = new ConsoleClient(fixture.Server);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task the_stream_refuses_a_type_outside_the_scopes()
    {
        using var client = new ConsoleClient(fixture.Server);
        await client.LoginAsync(TestCallers.CallFamily);

        using var response = await client.GetStreamAsync("/console/live/stream?types=billing-account");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task the_status_reports_the_horizon_and_the_read_model()
    {
        using var client = new ConsoleClient(fixture.Server);
        await client.LoginAsync(TestCallers.Reader);

        var status = await client.PageAsync("/console/live/status");

        Assert.Contains("\"horizon\"", status, StringComparison.Ordinal);
        Assert.Contains("\"readModelPosition\"", status, StringComparison.Ordinal);
    }
}
