using System.Net;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// Attacks on the console's controls: pages and listings of a type outside the caller's scopes, revert without the
/// admin scope or without the antiforgery token, dot segments and encoded slashes in console URLs, markup in payloads
/// and ids. Every refused attempt leaves the entity as it was.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleAttackTests(ConsoleFixture fixture)
{
    private const string Victim = "billing-account";

    [Fact]
    public async Task a_type_outside_the_callers_scopes_is_refused_on_every_page()
    {
        var id = await PutAsync(Victim, """{"secret":"s3cr3t-value"}""");
        using var client = await SignedInAsync(TestCallers.CallFamily);

        foreach (var url in new[] { $"/console/entities/{Victim}/{id}", $"/console/entities/{Victim}/{id}?v=1", $"/console/types/{Victim}", $"/console/entities/{Victim}/{id}/revert/1" })
        {
            var page = await client.PageAsync(url, HttpStatusCode.Forbidden);
            Assert.Contains($"entities:", page, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t-value", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Victim, await client.PageAsync("/console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task revert_without_the_admin_scope_is_refused()
    {
        // call-family may write call-* (the API would let it revert) but holds no admin scope.
        var id = await PutAsync("call-session", """{"n":1}""", """{"n":2}""");
        using var client = await SignedInAsync(TestCallers.CallFamily);
        var token = await client.FormTokenAsync($"/console/entities/call-session/{id}");

        using var response = await client.PostFormAsync($"/console/entities/call-session/{id}/revert/1", new()
        {
            ["reason"] = "attack", ["expected"] = "2", ["__RequestVerificationToken"] = token,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertVersionAsync("call-session", id, 2);
    }

    [Fact]
    public async Task revert_without_the_antiforgery_token_is_refused()
    {
        var id = await PutAsync("call-session", """{"n":1}""", """{"n":2}""");
        using var client = await SignedInAsync(TestCallers.Admin);

        using var response = await client.PostFormAsync($"/console/entities/call-session/{id}/revert/1", new() { ["reason"] = "csrf", ["expected"] = "2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertVersionAsync("call-session", id, 2);
    }

    [Fact]
    public async Task revert_without_a_reason_is_refused_and_with_one_is_written()
    {
        var id = await PutAsync("call-session", """{"n":1}""", """{"n":2}""");
        using var client = await SignedInAsync(TestCallers.Admin);
        var url = $"/console/entities/call-session/{id}/revert/1";
        var token = await client.FormTokenAsync(url);

        using var refused = await client.PostFormAsync(url, new() { ["reason"] = " ", ["expected"] = "2", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await AssertVersionAsync("call-session", id, 2);

        using var done = await client.PostFormAsync(url, new() { ["reason"] = "undo a mistake", ["expected"] = "2", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        await AssertVersionAsync("call-session", id, 3);
    }

    [Theory]
    [InlineData("/console/entities/" + Victim + "/{id}/../../call-session/x")]
    [InlineData("/console/entities/" + Victim + "/{id}/%2e%2e/%2E%2E/call-session/x")]
    [InlineData("/console/entities/call-session%2F..%2F" + Victim + "/{id}")]
    [InlineData("/console/../console/entities/" + Victim + "/{id}")]
    public async Task path_tricks_cannot_reach_a_type_outside_the_scopes(string template)
    {
        var id = await PutAsync(Victim, """{"secret":"s3cr3t-value"}""");
        using var client = await SignedInAsync(TestCallers.CallFamily);
        var target = template.Replace("{id}", id, StringComparison.Ordinal);

        var response = await RawHttp.SendAsync(fixture.Server, "GET", target, new Dictionary<string, string> { ["Cookie"] = client.CookieHeader });

        Assert.True(response.Status is 400 or 403 or 404, $"{target}: got {response.Status}");
        Assert.DoesNotContain("s3cr3t-value", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task markup_in_payloads_and_ids_is_escaped()
    {
        const string Script = "<script>window.pwned=1</script>";
        var id = "<img src=x onerror=alert(1)>" + Guid.NewGuid().ToString("N");
        await PutWithIdAsync("call-session", id, $$"""{"note":"{{Script.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");
        using var client = await SignedInAsync(TestCallers.Admin);

        using var response = await client.GetAsync($"/console/entities/call-session/{Uri.EscapeDataString(id)}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Script, page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private async Task<ConsoleClient> SignedInAsync(string apiKey)
    {
        var client = new ConsoleClient(fixture.Server);
        using var response = await client.LoginAsync(apiKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Writes each payload in turn to a new entity through the API; returns its id.</summary>
    private Task<string> PutAsync(string type, params string[] payloads) => PutWithIdAsync(type, Guid.NewGuid().ToString("N"), payloads);

    private async Task<string> PutWithIdAsync(string type, string id, params string[] payloads)
    {
        foreach (var payload in payloads)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/entities/{type}/{Uri.EscapeDataString(id)}") { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", TestCallers.Admin);
            using var response = await fixture.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        return id;
    }

    private async Task AssertVersionAsync(string type, string id, long expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/entities/{type}/{id}");
        request.Headers.Add("X-Api-Key", TestCallers.Admin);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal($"\"{expected}\"", response.Headers.ETag?.Tag);
    }
}
