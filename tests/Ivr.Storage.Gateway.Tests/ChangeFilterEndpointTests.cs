using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The change feed filtered by type in the database, through the gateway: what is returned, what is refused.</summary>
[Collection(ReadModelGatewayCollection.Name)]
public sealed class ChangeFilterEndpointTests(ReadModelGatewayFixture fixture) : FeedTestBase(fixture)
{
    [Fact]
    public async Task a_page_of_the_types_asked_for_holds_only_them_and_next_moves_past_the_others()
    {
        var wanted = NewType("call-wanted");
        var other = NewType("call-other");
        var marker = await FeedPositionAsync(await PutAsync(Url(other, "marker"), "{}"));
        var first = await FeedPositionAsync(await PutAsync(Url(wanted, "a"), """{"n":1}"""));
        var between = await FeedPositionAsync(await PutAsync(Url(other, "b"), "{}"));
        var last = await FeedPositionAsync(await PutAsync(Url(other, "c"), "{}"));
        await ChangesOfTypeAsync(marker, other, 2);

        var page = await JsonAsync(await GetAsync($"/changes?after={marker}&types={wanted}"), HttpStatusCode.OK);
        var bare = await JsonAsync(await GetAsync($"/changes?after={marker}&types={wanted}&payloads=false"), HttpStatusCode.OK);

        var change = Assert.Single(page.GetProperty("changes").EnumerateArray());
        Assert.Equal(first, change.GetProperty("data").GetProperty("position").GetString());
        Assert.Equal(1, change.GetProperty("data").GetProperty("payload").GetProperty("n").GetInt32());
        // Everything up to the last write was examined, so the next page starts after the other type's rows too.
        Assert.True(Position(page.GetProperty("next").GetString()!) >= Position(last), $"next {page.GetProperty("next")} is before {last} (passed {between})");
        Assert.False(page.GetProperty("hasMore").GetBoolean());
        var metadata = Assert.Single(bare.GetProperty("changes").EnumerateArray()).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("payload").ValueKind);
        Assert.Equal(change.GetProperty("data").GetProperty("hash").GetString(), metadata.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task asking_for_a_type_the_caller_may_not_read_is_403_and_a_malformed_type_is_400()
    {
        var forbidden = await ProblemAsync(await GetAsync("/changes?types=billing", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden, "forbidden");
        var streamForbidden = await ProblemAsync(await GetAsync("/changes/stream?types=call-session,billing", apiKey: TestCallers.CallFamily), HttpStatusCode.Forbidden, "forbidden");
        var malformed = await ProblemAsync(await GetAsync("/changes?types=Call-Session"), HttpStatusCode.BadRequest, "invalid-request");
        var pattern = await ProblemAsync(await GetAsync("/changes?types=call-*"), HttpStatusCode.BadRequest, "invalid-request");
        var payloads = await ProblemAsync(await GetAsync("/changes?payloads=maybe"), HttpStatusCode.BadRequest, "invalid-request");

        Assert.Contains("entities:read:billing", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("billing", streamForbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("types", malformed.GetProperty("field").GetString());
        Assert.Equal("types", pattern.GetProperty("field").GetString());
        Assert.Equal("payloads", payloads.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_filtered_stream_sends_a_progress_event_whose_id_moves_past_changes_the_caller_does_not_see()
    {
        var visibleType = NewType("call-progress");
        var start = await FeedPositionAsync(await PutAsync(Url(visibleType, "marker"), "{}"));
        var visible = await FeedPositionAsync(await PutAsync(Url(visibleType, "visible"), "{}"));
        var hidden = await FeedPositionAsync(await PutAsync(Url(NewType("hidden"), "secret"), "{}"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/changes/stream?after={start}");
        request.Headers.Add("X-Api-Key", TestCallers.CallFamily);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await Fixture.KestrelClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using var events = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await events.MoveNextAsync());
        var change = events.Current;
        SseItem<string> progress;
        do
        {
            Assert.True(await events.MoveNextAsync(), "The stream ended early.");
            progress = events.Current;
        }
        while (Position(progress.EventId!) < Position(hidden));

        Assert.Equal("message", change.EventType);
        Assert.Equal(visible, change.EventId);
        // No change of the hidden type is ever sent; only a progress event, whose id a reconnect resumes after.
        Assert.Equal("progress", progress.EventType);
        Assert.Equal(progress.EventId, JsonDocument.Parse(progress.Data).RootElement.GetProperty("position").GetString());
    }
}
