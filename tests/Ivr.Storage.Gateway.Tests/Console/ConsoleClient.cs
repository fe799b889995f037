using System.Net;
using System.Text.RegularExpressions;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>A person's browser without the browser: a cookie jar, no redirects followed, forms posted with their antiforgery token.</summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri server)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = server };
    }

    /// <summary>Over a client that keeps its own cookies (the test server's); <see cref="CookieHeader"/> is then empty.</summary>
    public ConsoleClient(HttpClient http)
    {
        Cookies = new CookieContainer();
        _http = http;
    }

    public CookieContainer Cookies { get; }

    public Uri Server => _http.BaseAddress!;

    /// <summary>Signs in with <paramref name="apiKey"/> as the login form does; returns the POST's response (302 on success).</summary>
    public async Task<HttpResponseMessage> LoginAsync(string apiKey)
    {
        var token = await FormTokenAsync("/console/login");
        return await PostFormAsync("/console/login", new() { ["apiKey"] = apiKey, ["__RequestVerificationToken"] = token });
    }

    /// <summary>A new client of <paramref name="server"/>, signed in with <paramref name="apiKey"/>.</summary>
    public static async Task<ConsoleClient> SignedInAsync(Uri server, string apiKey)
    {
        var client = new ConsoleClient(server);
        using var response = await client.LoginAsync(apiKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _http.GetAsync(new Uri(url, UriKind.Relative));

    /// <summary>Returns once the headers are in; an event stream's body is read (or not) by the caller.</summary>
    public Task<HttpResponseMessage> GetStreamAsync(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/event-stream");
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<string> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The antiforgery token of the first form on <paramref name="url"/>.</summary>
    public async Task<string> FormTokenAsync(string url)
    {
        var page = await PageAsync(url);
        var match = TokenInput().Match(page);
        Assert.True(match.Success, $"No antiforgery token on {url}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields) =>
        _http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

    /// <summary>The Cookie header this client would send to a console URL.</summary>
    public string CookieHeader => Cookies.GetCookieHeader(new Uri(Server, "/console"));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
