using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Attacks on the change stream's bounds: more streams than allowed, a stream outliving its token, a stream outliving its
/// API key, a stream outliving its maximum lifetime. Each stream is opened after a write of the test's own type, so its
/// first event (and with it the response's headers) arrives at once; "ended" means the response body ended by itself.
/// </summary>
[Collection(ReadModelGatewayCollection.Name)]
public sealed class ChangeStreamLimitTests(ReadModelGatewayFixture fixture) : FeedTestBase(fixture), IAsyncLifetime
{
    private const string StreamKey = "test-stream-key";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // An API key only this class's gateway knows, in configuration the test can change while the gateway runs.
    private readonly MutableConfiguration _configuration = new MutableConfiguration()
        .With("Authentication:ApiKeys:10:Name", "stream-caller")
        .With("Authentication:ApiKeys:10:Sha256", TestCallers.Sha256(StreamKey))
        .With("Authentication:ApiKeys:10:Scopes:0", "entities:read:*");

    private WebApplicationFactory<Program> _gateway = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _gateway = Fixture.Factory.WithWebHostBuilder(builder =>
        {
            // A free loopback port: the gateway's own "Urls" setting would otherwise pick its fixed development port.
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Gateway:MaxChangeStreamsPerCaller", "2");
            builder.UseSetting("Gateway:ChangeStreamCredentialCheckInterval", "00:00:00.100");
            builder.ConfigureAppConfiguration(configuration => configuration.Add(_configuration));
        });
        _client = OnKestrel(_gateway);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Serves <paramref name="gateway"/> on a free loopback port: the test server hands a streamed response to its client
    /// only when the response ends, so a stream's events (and an open stream's headers) need a real server.
    /// </summary>
    private static HttpClient OnKestrel(WebApplicationFactory<Program> gateway)
    {
        gateway.UseKestrel(0);
        gateway.StartServer();
        return gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task one_stream_more_than_a_caller_may_hold_is_a_429_problem_and_a_closed_stream_frees_its_place()
    {
        var (type, after) = await WriteAsync();
        using var first = await OpenAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Reader));
        using var second = await OpenAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Reader));

        using var third = await SendAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Reader));
        // Checked before the body is read: an admitted stream's body never ends.
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        var problem = await ProblemAsync(third, HttpStatusCode.TooManyRequests, "too-many-streams");
        Assert.Equal(2, problem.GetProperty("maxStreams").GetInt32());
        Assert.True(third.Headers.RetryAfter is not null, "A 429 says when to retry.");
        // Another caller is not affected by this one's streams.
        using var other = await OpenAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Admin));

        first.Dispose();
        // The gateway notices the disconnect and releases the permit: wait for that event, bounded.
        var deadline = DateTime.UtcNow + Bound;
        HttpResponseMessage again;
        while ((again = await SendAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Reader))).StatusCode == HttpStatusCode.TooManyRequests)
        {
            again.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "The closed stream's place was never freed.");
            await Task.Delay(50);
        }

        using (again)
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
    }

    [Fact]
    public async Task a_stream_opened_with_a_token_that_expires_ends_by_itself_when_the_token_does()
    {
        var (type, after) = await WriteAsync();
        // The stream's clock is the gateway's TimeProvider: the token expires when the test moves that clock past it,
        // not when a busy machine happens to be slow (a 2 s real lifetime once ran out before the first event).
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = _gateway.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = OnKestrel(gateway);
        // Within the silos' one-minute clock skew: the gateway signs its own grain calls with this clock too, and a call
        // signed further ahead than that would be refused (the stream would then abort instead of ending).
        var lifetime = TimeSpan.FromSeconds(45);
        // The token's expiry is real time, taken after the clock started (the gateway's start-up lies between), so the
        // clock is moved to just past that expiry, not by the lifetime alone (a slow start-up once left it short).
        var expiresAt = DateTimeOffset.UtcNow + lifetime;
        var token = TestTokens.Create("entities:read:*", clientId: "expiring-" + NewId(), lifetime: lifetime);

        using var stream = await OpenAsync(type, after, request => request.Headers.Authorization = new("Bearer", token), client);
        Assert.Equal(type, await FirstEventTypeAsync(stream));

        clock.SetUtcNow(expiresAt + TimeSpan.FromSeconds(2));
        await AssertEndsAsync(stream);
    }

    [Fact]
    public async Task removing_an_api_key_from_configuration_ends_its_open_stream_and_refuses_the_key()
    {
        var (type, after) = await WriteAsync();
        using var stream = await OpenAsync(type, after, request => request.Headers.Add("X-Api-Key", StreamKey));
        Assert.Equal(type, await FirstEventTypeAsync(stream));

        _configuration.RemoveSection("Authentication:ApiKeys:10");

        await AssertEndsAsync(stream);
        using var refused = await SendAsync(type, after, request => request.Headers.Add("X-Api-Key", StreamKey));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task a_stream_ends_after_its_maximum_lifetime()
    {
        var (type, after) = await WriteAsync();
        // As above, the gateway's clock decides, moved by the test: no real lifetime to race on a busy machine.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var shortLived = _gateway.WithWebHostBuilder(builder =>
        {
            // Short for the same reason as above: the gateway's grain calls are signed with the moved clock.
            builder.UseSetting("Gateway:ChangeStreamMaxLifetime", "00:00:30");
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        using var client = OnKestrel(shortLived);

        using var stream = await OpenAsync(type, after, request => request.Headers.Add("X-Api-Key", TestCallers.Reader), client);
        Assert.Equal(type, await FirstEventTypeAsync(stream));

        clock.Advance(TimeSpan.FromSeconds(31));
        await AssertEndsAsync(stream);
    }

    /// <summary>Two writes of a fresh type; returns the type and the first write's position (streams start after it).</summary>
    private async Task<(string Type, string After)> WriteAsync()
    {
        var type = NewType("call-limits");
        var after = await FeedPositionAsync(await PutAsync(Url(type, "first"), "{}"));
        await PutAsync(Url(type, "second"), "{}");
        return (type, after);
    }

    private async Task<HttpResponseMessage> SendAsync(string type, string after, Action<HttpRequestMessage> authenticate, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/changes/stream?after={after}&types={type}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        authenticate(request);
        using var timeout = new CancellationTokenSource(Bound);
        return await (client ?? _client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    private async Task<HttpResponseMessage> OpenAsync(string type, string after, Action<HttpRequestMessage> authenticate, HttpClient? client = null)
    {
        var response = await SendAsync(type, after, authenticate, client);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Only a refusal's body is read: an open stream's never ends.
            Assert.Fail($"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private static async Task<string?> FirstEventTypeAsync(HttpResponseMessage stream)
    {
        var body = await stream.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(Bound), "The stream ended before its first event.");
        return System.Text.Json.JsonDocument.Parse(events.Current.Data).RootElement.GetProperty("data").GetProperty("entityType").GetString();
    }

    /// <summary>Reads the stream to its end, which the server must bring about by itself within <see cref="Bound"/>.</summary>
    private static async Task AssertEndsAsync(HttpResponseMessage stream)
    {
        var body = await stream.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var deadline = DateTime.UtcNow + Bound;
        try
        {
            // WaitAsync bounds each read even where the response stream does not honour a cancellation token.
            while (await body.ReadAsync(buffer).AsTask().WaitAsync(deadline - DateTime.UtcNow) > 0)
            {
            }
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The stream was still open after {Bound.TotalSeconds} s.");
        }
    }
}
