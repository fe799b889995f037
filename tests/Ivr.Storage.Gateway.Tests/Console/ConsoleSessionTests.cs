using System.Net;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// Signing in to the console: only a configured key opens a session; the cookie is HttpOnly, SameSite=Strict, limited
/// to /console and Secure over HTTPS; it authenticates console pages only, and API keys do not authenticate pages.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSessionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task an_unknown_key_is_refused_and_opens_no_session()
    {
        using var client = new ConsoleClient(fixture.Server);

        using var response = await client.LoginAsync("not-a-configured-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("ivr-console=", client.CookieHeader, StringComparison.Ordinal);
        using var page = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task the_session_cookie_is_HttpOnly_SameSite_Strict_and_limited_to_the_console()
    {
        using var client = new ConsoleClient(fixture.Server);

        using var response = await client.LoginAsync(TestCallers.Reader);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("ivr-console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        // Plain HTTP on loopback: a Secure cookie would never come back.
        Assert.DoesNotContain("secure", cookie.Replace("samesite", string.Empty, StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task over_https_the_session_cookie_is_Secure()
    {
        using var http = fixture.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });
        using var client = new ConsoleClient(http);

        using var response = await client.LoginAsync(TestCallers.Reader);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("ivr-console=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task a_page_without_a_session_redirects_to_login_even_with_an_api_key_header()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/entities/call-session/x");
        request.Headers.Add("X-Api-Key", TestCallers.Admin);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_session_cookie_does_not_authenticate_the_api()
    {
        using var client = new ConsoleClient(fixture.Server);
        await client.LoginAsync(TestCallers.Admin);
        using var http = new HttpClient { BaseAddress = fixture.Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/entities/call-session/{Guid.NewGuid():N}");
        request.Headers.Add("Cookie", client.CookieHeader);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task login_without_the_antiforgery_token_is_refused()
    {
        using var client = new ConsoleClient(fixture.Server);
        await client.FormTokenAsync("/console/login");

        using var response = await client.PostFormAsync("/console/login", new() { ["apiKey"] = TestCallers.Admin });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("ivr-console=", client.CookieHeader, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task login_never_redirects_off_the_console(string returnUrl)
    {
        using var client = new ConsoleClient(fixture.Server);
        var token = await client.FormTokenAsync("/console/login");

        using var response = await client.PostFormAsync("/console/login", new()
        {
            ["apiKey"] = TestCallers.Reader, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location?.OriginalString);
    }
}
