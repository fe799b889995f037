using System.Net;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>The timeline links a correlation id to the page of versions sharing it; that page shows only readable types.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleCorrelationTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task the_timeline_links_a_correlation_id_to_every_version_carrying_it()
    {
        var correlation = "console-corr-" + Guid.NewGuid().ToString("N");
        var (session, transcript) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await PutAsync("call-session", session, correlation);
        await PutAsync("call-transcript", transcript, correlation);
        using var client = await SignedInAsync(TestCallers.Admin);

        var timeline = await client.PageAsync($"/console/entities/call-session/{session}");
        var link = $"/console/correlations?id={correlation}";
        Assert.Contains($"href=\"{link}\"", timeline, StringComparison.Ordinal);

        var page = await client.PageAsync(link);
        Assert.Contains($"href=\"/console/entities/call-session/{session}?v=1\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/entities/call-transcript/{transcript}?v=1\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_correlation_page_shows_nothing_of_types_outside_the_callers_scopes()
    {
        var correlation = "console-corr-" + Guid.NewGuid().ToString("N");
        var secret = "secret-account-" + Guid.NewGuid().ToString("N");
        await PutAsync("billing-account", secret, correlation);
        using var client = await SignedInAsync(TestCallers.CallFamily);

        var page = await client.PageAsync($"/console/correlations?id={correlation}");

        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain("billing-account", page, StringComparison.Ordinal);
        Assert.Contains("No version you may read carries this correlation id.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_missing_correlation_id_is_a_clear_400_page()
    {
        using var client = await SignedInAsync(TestCallers.Admin);
        var page = await client.PageAsync("/console/correlations", HttpStatusCode.BadRequest);
        Assert.Contains("?id=", page, StringComparison.Ordinal);
    }

    private Task<ConsoleClient> SignedInAsync(string apiKey) => ConsoleClient.SignedInAsync(fixture.Server, apiKey);

    private async Task PutAsync(string type, string id, string correlation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/entities/{type}/{id}") { Content = new StringContent("""{"n":1}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", TestCallers.Admin);
        request.Headers.Add("X-Correlation-Id", correlation);
        using var response = await fixture.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
