using System.Net;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>With the transparency log off (this fixture's silos do not run it), the Entity page says so next to the chain check.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleProofLogOffTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task with_the_log_off_the_page_says_log_off_next_to_the_chain_check()
    {
        var id = Guid.NewGuid().ToString("N");
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/entities/call-session/{id}") { Content = new StringContent("""{"n":1}""", System.Text.Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("X-Api-Key", TestCallers.Admin);
            using var put = await fixture.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using var client = new ConsoleClient(fixture.Server);
        using (var login = await client.LoginAsync(TestCallers.Reader))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var page = await client.PageAsync($"/console/entities/call-session/{id}?verify=true");

        Assert.Contains("Intact: 1 versions checked", page, StringComparison.Ordinal);
        Assert.Contains("Log off", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Included in signed head", page, StringComparison.Ordinal);
    }
}
