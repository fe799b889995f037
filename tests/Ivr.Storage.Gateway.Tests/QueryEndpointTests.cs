using System.Net;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

[Collection(ReadModelGatewayCollection.Name)]
public sealed class QueryEndpointTests(ReadModelGatewayFixture fixture) : FeedTestBase(fixture)
{
    private static List<string> Ids(JsonElement body) =>
        [.. body.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];

    /// <summary>The body's position equals the header's, and the answer reflects at least <paramref name="atLeast"/>.</summary>
    private static async Task<JsonElement> AnswerAsync(HttpResponseMessage response, string atLeast)
    {
        var body = await JsonAsync(response, HttpStatusCode.OK);
        var header = Assert.Single(response.Headers.GetValues("X-Read-Model-Position"));
        Assert.Equal(header, body.GetProperty("position").GetString());
        Assert.True(Position(header) >= Position(atLeast), $"The read model answered at {header}, before {atLeast}.");
        return body;
    }

    [Fact]
    public async Task a_listing_with_the_writes_feed_position_as_min_position_shows_the_write()
    {
        var type = NewType("call-list");
        var write = await FeedPositionAsync(await PutAsync(Url(type, "tenant-1/call 1"), """{"status":"open"}"""));

        var body = await AnswerAsync(await GetAsync($"/query/entities/{type}?minPosition={write}"), write);

        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("tenant-1/call 1", item.GetProperty("id").GetString());
        Assert.Equal(1, item.GetProperty("version").GetInt64());
        Assert.Equal("open", item.GetProperty("payload").GetProperty("status").GetString());
        Assert.Equal("admin", item.GetProperty("source").GetString());
        Assert.Matches("^[0-9]+-[0-9]+$", write);
    }

    [Fact]
    public async Task a_listing_filters_by_containment_orders_and_pages_with_its_next_link()
    {
        var type = NewType("call-page");
        for (var i = 1; i <= 3; i++)
        {
            await PutAsync(Url(type, $"open-{i}"), """{"status":"open","tags":["a","b"]}""");
        }

        await PutAsync(Url(type, "closed"), """{"status":"closed","tags":["a"]}""");
        var last = await FeedPositionAsync(await SendAsync(HttpMethod.Delete, Url(type, "open-3")));
        var contains = Uri.EscapeDataString("""{"status":"open","tags":["b"]}""");

        var seen = new List<string>();
        var next = $"/query/entities/{type}?contains={contains}&order=oldest&limit=1&minPosition={last}";
        while (next is not null)
        {
            var page = await AnswerAsync(await GetAsync(next), last);
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
        }

        // A deleted entity has no payload, so only a listing without a containment filter can show it.
        var withDeleted = await AnswerAsync(await GetAsync($"/query/entities/{type}?includeDeleted=true&order=newest"), last);
        Assert.Equal(["open-1", "open-2"], seen);
        Assert.Equal(["open-3", "closed", "open-2", "open-1"], Ids(withDeleted));
        Assert.True(withDeleted.GetProperty("items")[0].GetProperty("deleted").GetBoolean());
    }

    [Theory]
    [InlineData("/query/entities/call-x?contains=%7Bnot%20json", "contains")]
    [InlineData("/query/entities/call-x?contains=%5B1%5D", "contains")]
    [InlineData("/query/entities/call-x?cursor=%25%25%25", "cursor")]
    [InlineData("/query/entities/call-x?order=sideways", "order")]
    [InlineData("/query/entities/call-x?limit=0", "limit")]
    [InlineData("/query/entities/call-x?includeDeleted=maybe", "includeDeleted")]
    [InlineData("/query/entities/call-x?minPosition=latest", "minPosition")]
    [InlineData("/query/search?q=%20", "q")]
    [InlineData("/query/search?q=word&limit=-1", "limit")]
    [InlineData("/query/statistics?minPosition=1-2-3", "minPosition")]
    public async Task bad_query_arguments_are_400_problems(string url, string field)
    {
        var response = await GetAsync(url);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_min_position_the_read_model_does_not_reach_in_time_is_503_with_retry_after()
    {
        await using var connection = await Testing.TestServices.OpenPostgresAsync(fixture.DatabaseConnectionString);
        await using var transaction = await connection.BeginTransactionAsync();
        // The projection may write its batch but not move its checkpoint while the test holds this lock.
        await new Npgsql.NpgsqlCommand("LOCK TABLE ivr_read.projections IN EXCLUSIVE MODE", connection, transaction).ExecuteNonQueryAsync();
        var write = await FeedPositionAsync(await PutAsync(Url(NewType("call-late"), "x"), "{}"));

        var response = await GetAsync($"/query/statistics?minPosition={write}");

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "read-model-behind");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("/query/statistics?minPosition={0}-0")]
    [InlineData("/query/entities/call-far?minPosition={0}-0")]
    [InlineData("/query/search?q=anything&type=call-far&minPosition={0}-0")]
    public async Task a_min_position_beyond_the_feeds_head_is_refused_at_once_with_400(string template)
    {
        var response = await GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, long.MaxValue));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Equal("minPosition", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_listing_needs_the_read_scope_of_its_type()
    {
        var type = NewType("call-read");

        var writeOnly = await GetAsync("/query/entities/call-session", apiKey: TestCallers.CallSessionWriter);
        var otherType = await GetAsync($"/query/entities/other{type}", apiKey: TestCallers.CallFamily);
        var ownType = await GetAsync($"/query/entities/{type}", apiKey: TestCallers.CallFamily);

        Assert.Equal("entities:read:call-session", (await ProblemAsync(writeOnly, HttpStatusCode.Forbidden)).GetProperty("requiredScope").GetString());
        await ProblemAsync(otherType, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, ownType.StatusCode);
    }

    [Fact]
    public async Task search_with_a_type_needs_its_read_scope_and_without_one_a_read_scope_on_every_type()
    {
        var type = NewType("call-search");
        var word = "okapi" + Guid.NewGuid().ToString("N")[..6];
        await PutAsync(Url(type, "hit"), $$"""{"notes":"an {{word}} was seen"}""");
        var write = await FeedPositionAsync(await PutAsync(Url(type, "miss"), """{"notes":"nothing"}"""));

        var typed = await AnswerAsync(await GetAsync($"/query/search?q={word}&type={type}&minPosition={write}", apiKey: TestCallers.CallFamily), write);
        var untypedFamily = await GetAsync($"/query/search?q={word}", apiKey: TestCallers.CallFamily);
        var untypedReader = await AnswerAsync(await GetAsync($"/query/search?q={word}&minPosition={write}", apiKey: TestCallers.Reader), write);

        Assert.Equal(["hit"], Ids(typed));
        Assert.Equal(1, typed.GetProperty("byType").GetProperty(type).GetInt64());
        Assert.Equal(1, typed.GetProperty("bySource").GetProperty("admin").GetInt64());
        Assert.Contains("entities:read:*", (await ProblemAsync(untypedFamily, HttpStatusCode.Forbidden, "forbidden")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["hit"], Ids(untypedReader));
    }

    [Fact]
    public async Task statistics_show_only_the_types_the_caller_may_read()
    {
        var visible = NewType("call-stats");
        var hidden = NewType("hidden");
        await PutAsync(Url(visible, "x"), "{}");
        var write = await FeedPositionAsync(await PutAsync(Url(hidden, "y"), "{}"));

        var family = await AnswerAsync(await GetAsync($"/query/statistics?minPosition={write}", apiKey: TestCallers.CallFamily), write);
        var admin = await AnswerAsync(await GetAsync($"/query/statistics?minPosition={write}"), write);

        Assert.Equal(1, family.GetProperty("entitiesByType").GetProperty(visible).GetInt64());
        Assert.False(family.GetProperty("entitiesByType").TryGetProperty(hidden, out _));
        Assert.All(family.GetProperty("hourly").EnumerateArray(), hour => Assert.StartsWith("call-", hour.GetProperty("type").GetString(), StringComparison.Ordinal));
        Assert.Equal(1, admin.GetProperty("entitiesByType").GetProperty(hidden).GetInt64());
    }

    [Fact]
    public async Task the_api_description_lists_the_change_and_query_endpoints()
    {
        var openApi = await JsonAsync(await GetAsync("/openapi/v1.json", apiKey: null), HttpStatusCode.OK);

        var paths = openApi.GetProperty("paths");
        Assert.All(["/changes", "/changes/stream", "/query/entities/{type}", "/query/search", "/query/statistics"], path => Assert.True(paths.TryGetProperty(path, out _), path));
    }
}
