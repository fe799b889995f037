using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>Server-Sent Events through a real server (Kestrel) and a real HTTP client that disconnects and resumes.</summary>
[Collection(ReadModelGatewayCollection.Name)]
public sealed class ChangeStreamTests(ReadModelGatewayFixture fixture) : FeedTestBase(fixture)
{
    private Task<HttpResponseMessage> PatchAsync(string url, int n) =>
        SendAsync(HttpMethod.Patch, url, $$"""{"n":{{n}}}""", contentType: "application/merge-patch+json", client: Fixture.KestrelClient);

    [Fact]
    public async Task the_stream_catches_up_follows_live_and_resumes_after_the_last_event_id()
    {
        var type = NewType("call-sse");
        var url = Url(type, "call 1");
        var start = await FeedPositionAsync(await SendAsync(HttpMethod.Put, url, """{"n":1}""", client: Fixture.KestrelClient));
        await PatchAsync(url, 2);
        await PatchAsync(url, 3);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        List<SseItem<string>> firstRun;
        using (var response = await OpenStreamAsync($"/changes/stream?after={start}", lastEventId: null, timeout.Token))
        {
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await using var events = EventsOfType(response, type, timeout.Token).GetAsyncEnumerator(timeout.Token);
            firstRun = [await NextAsync(events), await NextAsync(events)];
            // Caught up; this one arrives live.
            await PatchAsync(url, 4);
            firstRun.Add(await NextAsync(events));
        }

        // Disconnected: these are written while nobody listens.
        var fifth = await FeedPositionAsync(await PatchAsync(url, 5));
        await PatchAsync(url, 6);
        List<SseItem<string>> resumed;
        using (var response = await OpenStreamAsync($"/changes/stream?after={start}", lastEventId: firstRun[^1].EventId, timeout.Token))
        {
            await using var events = EventsOfType(response, type, timeout.Token).GetAsyncEnumerator(timeout.Token);
            resumed = [await NextAsync(events), await NextAsync(events)];
        }

        Assert.Equal([2L, 3L, 4L], firstRun.Select(Version));
        Assert.Equal([5L, 6L], resumed.Select(Version));
        Assert.Equal(fifth, resumed[0].EventId);
        Assert.All(firstRun.Concat(resumed), item => Assert.Equal(item.EventId, Data(item).GetProperty("data").GetProperty("position").GetString()));
        Assert.Equal("1.0", Data(resumed[0]).GetProperty("specversion").GetString());
    }

    [Fact]
    public async Task the_stream_skips_changes_of_types_the_caller_may_not_read()
    {
        var visibleType = NewType("call-sse-scope");
        var start = await FeedPositionAsync(await SendAsync(HttpMethod.Put, Url(visibleType, "marker"), "{}", client: Fixture.KestrelClient));
        await SendAsync(HttpMethod.Put, Url(NewType("hidden"), "secret"), "{}", client: Fixture.KestrelClient);
        var visible = await FeedPositionAsync(await SendAsync(HttpMethod.Put, Url(visibleType, "visible"), "{}", client: Fixture.KestrelClient));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await OpenStreamAsync($"/changes/stream?after={start}", lastEventId: null, timeout.Token, TestCallers.CallFamily);
        var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        // Other tests may write call-* changes meanwhile (the caller may read those): read up to our visible change,
        // and no event on the way may be of a type outside the caller's scope, such as the hidden write between them.
        var seen = new List<string>();
        SseItem<string> item;
        do
        {
            item = await NextAsync(events);
            if (item.EventType != "progress")
            {
                seen.Add(Data(item).GetProperty("data").GetProperty("entityType").GetString()!);
            }
        }
        while (item.EventId != visible);

        Assert.All(seen, type => Assert.StartsWith("call-", type, StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string url, string? lastEventId, CancellationToken cancellationToken, string apiKey = TestCallers.Admin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await Fixture.KestrelClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsOfType(HttpResponseMessage response, string type, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (Data(item).GetProperty("data").GetProperty("entityType").GetString() == type)
            {
                yield return item;
            }
        }
    }

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync(), "The stream ended early.");
        return events.Current;
    }

    private static JsonElement Data(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.Clone();

    private static long Version(SseItem<string> item) => Data(item).GetProperty("data").GetProperty("version").GetInt64();
}
