using System.Net;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

[Collection(ReadModelGatewayCollection.Name)]
public sealed class ChangesEndpointTests(ReadModelGatewayFixture fixture) : FeedTestBase(fixture)
{
    [Fact]
    public async Task changes_after_a_position_are_cloud_events_and_next_resumes_after_the_last_one()
    {
        var type = NewType("call-feed");
        var url = Url(type, "a/b");
        var created = await FeedPositionAsync(await PutAsync(url, """{"state":"ringing"}"""));
        var patched = await FeedPositionAsync(await SendAsync(HttpMethod.Patch, url, """{"state":"answered"}""", contentType: "application/merge-patch+json"));
        var deleted = await FeedPositionAsync(await SendAsync(HttpMethod.Delete, url));

        var changes = await ChangesOfTypeAsync(created, type, 2);
        var firstPage = await JsonAsync(await GetAsync($"/changes?after={created}&limit=1"), HttpStatusCode.OK);

        var patch = changes[0];
        Assert.Equal("1.0", patch.GetProperty("specversion").GetString());
        Assert.Equal($"{type}/a/b@2", patch.GetProperty("id").GetString());
        Assert.Equal("urn:ivr:storage", patch.GetProperty("source").GetString());
        Assert.Equal("ivr.storage.entity.patch.v1", patch.GetProperty("type").GetString());
        Assert.Equal($"{type}/a/b", patch.GetProperty("subject").GetString());
        Assert.True(patch.GetProperty("time").TryGetDateTimeOffset(out _));
        Assert.Equal("application/json", patch.GetProperty("datacontenttype").GetString());
        var data = patch.GetProperty("data");
        Assert.Equal(type, data.GetProperty("entityType").GetString());
        Assert.Equal("a/b", data.GetProperty("entityId").GetString());
        Assert.Equal(2, data.GetProperty("version").GetInt64());
        Assert.Equal("patch", data.GetProperty("kind").GetString());
        Assert.Equal(patched, data.GetProperty("position").GetString());
        Assert.Equal("admin", data.GetProperty("provenance").GetProperty("actor").GetString());
        Assert.Equal(64, data.GetProperty("hash").GetString()!.Length);
        Assert.Equal("answered", data.GetProperty("payload").GetProperty("state").GetString());
        var delete = changes[1].GetProperty("data");
        Assert.Equal("delete", delete.GetProperty("kind").GetString());
        Assert.Equal(deleted, delete.GetProperty("position").GetString());
        Assert.Equal(JsonValueKind.Null, delete.GetProperty("payload").ValueKind);
        Assert.Equal(patched, Assert.Single(firstPage.GetProperty("changes").EnumerateArray()).GetProperty("data").GetProperty("position").GetString());
        Assert.Equal(patched, firstPage.GetProperty("next").GetString());
    }

    [Fact]
    public async Task changes_of_types_the_caller_may_not_read_are_left_out_but_next_moves_past_them()
    {
        var visibleType = NewType("call-scope");
        var hiddenType = NewType("hidden");
        var marker = await FeedPositionAsync(await PutAsync(Url(visibleType, "marker"), "{}"));
        await PutAsync(Url(visibleType, "visible"), "{}");
        var hidden = await FeedPositionAsync(await PutAsync(Url(hiddenType, "secret"), "{}"));
        await ChangesOfTypeAsync(marker, hiddenType, 1);

        var family = await JsonAsync(await GetAsync($"/changes?after={marker}", apiKey: TestCallers.CallFamily), HttpStatusCode.OK);
        var writeOnly = await JsonAsync(await GetAsync($"/changes?after={marker}", apiKey: TestCallers.CallSessionWriter), HttpStatusCode.OK);

        var seen = family.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("subject").GetString()).ToList();
        Assert.Contains($"{visibleType}/visible", seen);
        Assert.DoesNotContain(seen, subject => subject!.StartsWith(hiddenType, StringComparison.Ordinal));
        Assert.True(Position(family.GetProperty("next").GetString()!) >= Position(hidden));
        Assert.Empty(writeOnly.GetProperty("changes").EnumerateArray());
        Assert.True(Position(writeOnly.GetProperty("next").GetString()!) >= Position(hidden));
    }

    [Theory]
    [InlineData("/changes?after=latest", "after")]
    [InlineData("/changes?after=12-", "after")]
    [InlineData("/changes?after=-1-2", "after")]
    [InlineData("/changes?limit=0", "limit")]
    [InlineData("/changes?limit=1001", "limit")]
    [InlineData("/changes?limit=ten", "limit")]
    [InlineData("/changes/stream?after=1.5", "after")]
    public async Task bad_positions_and_limits_are_400_problems_naming_the_argument(string url, string field)
    {
        var problem = await ProblemAsync(await GetAsync(url), HttpStatusCode.BadRequest, "invalid-request");

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_bad_last_event_id_is_a_400_problem()
    {
        var problem = await ProblemAsync(await GetAsync("/changes/stream", headers => headers.Add("Last-Event-ID", "not-a-position")), HttpStatusCode.BadRequest, "invalid-request");

        Assert.Equal("Last-Event-ID", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task the_changes_need_an_authenticated_caller()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/changes", apiKey: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/changes/stream", apiKey: null)).StatusCode);
    }
}
