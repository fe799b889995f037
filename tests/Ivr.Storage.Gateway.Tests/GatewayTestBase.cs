using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>Request helpers. Every test uses its own entity ids.</summary>
public abstract class GatewayTestBase(GatewayFixture fixture)
{
    protected GatewayFixture Fixture { get; } = fixture;

    protected static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The entity's URL with the id percent-encoded, slashes included.</summary>
    protected static string Url(string type, string id, string suffix = "") => $"/entities/{type}/{Uri.EscapeDataString(id)}{suffix}";

    protected Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string url,
        string? json = null,
        string? apiKey = TestCallers.Admin,
        string contentType = "application/json",
        Action<HttpRequestHeaders>? headers = null,
        HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        headers?.Invoke(request.Headers);
        return (client ?? Fixture.Client).SendAsync(request);
    }

    protected Task<HttpResponseMessage> PutAsync(string url, string json, Action<HttpRequestHeaders>? headers = null, string? apiKey = TestCallers.Admin) =>
        SendAsync(HttpMethod.Put, url, json, apiKey, headers: headers);

    protected Task<HttpResponseMessage> GetAsync(string url, Action<HttpRequestHeaders>? headers = null, string? apiKey = TestCallers.Admin) =>
        SendAsync(HttpMethod.Get, url, apiKey: apiKey, headers: headers);

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> and returns it.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? problemType = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _), "Every problem carries a traceId.");
        if (problemType is not null)
        {
            Assert.Equal("urn:ivr-storage:problem:" + problemType, problem.GetProperty("type").GetString());
        }

        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }

    protected static string? ETag(HttpResponseMessage response) => response.Headers.ETag?.ToString();

    protected static Action<HttpRequestHeaders> IfMatch(string tag) => headers => headers.TryAddWithoutValidation("If-Match", tag);

    protected static Action<HttpRequestHeaders> IfNoneMatch(string tag) => headers => headers.TryAddWithoutValidation("If-None-Match", tag);
}
