using System.Net;
using System.Text.Json;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// <c>/correlations/versions?id=</c>: versions of any entity sharing a correlation id, newest first, keyset-paged, and
/// only of types the caller may read (the attack: a caller scoped to call-* must not learn of billing versions).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class CorrelationEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private async Task WriteAsync(string type, string id, string correlation, int n)
    {
        using var response = await PutAsync(Url(type, id), $$"""{"n":{{n}}}""", headers => headers.Add("X-Correlation-Id", correlation));
        Assert.Equal(n == 1 ? HttpStatusCode.Created : HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<(string Type, string Id, long Version)> Items(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item =>
            (item.GetProperty("type").GetString()!, item.GetProperty("id").GetString()!, item.GetProperty("version").GetInt64()));

    [Fact]
    public async Task versions_of_every_entity_with_the_correlation_id_are_listed_newest_first_across_pages()
    {
        var correlation = "corr-" + NewId();
        var (first, second) = (NewId(), "with/slash " + NewId());
        await WriteAsync("call-session", first, correlation, 1);
        await WriteAsync("call-transcript", second, correlation, 1);
        await WriteAsync("call-session", first, correlation, 2);
        await WriteAsync("call-session", NewId(), "other-" + NewId(), 1);

        var seen = new List<(string, string, long)>();
        var response = await GetAsync($"/correlations/versions?id={Uri.EscapeDataString(correlation)}&limit=2");
        var page = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        while (true)
        {
            Assert.Equal(correlation, page.GetProperty("correlationId").GetString());
            seen.AddRange(Items(page));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            page = await JsonAsync(await GetAsync(next), HttpStatusCode.OK);
        }

        Assert.Equal([("call-session", first, 2L), ("call-transcript", second, 1L), ("call-session", first, 1L)], seen);
    }

    [Fact]
    public async Task a_caller_scoped_to_some_types_learns_nothing_of_other_types_versions()
    {
        var correlation = "corr-" + NewId();
        var secret = "billing-" + NewId();
        await WriteAsync("billing-account", secret, correlation, 1);
        await WriteAsync("billing-account", secret, correlation, 2);
        var visible = NewId();
        await WriteAsync("call-session", visible, correlation, 1);

        // call-family reads call-* only. With limit=1 a filter applied after the query would return an empty or
        // short page with a next cursor, telling that something else carries the id: the page must be exact.
        using var response = await GetAsync($"/correlations/versions?id={correlation}&limit=1", apiKey: TestCallers.CallFamily);
        var body = await response.Content.ReadAsStringAsync();
        var page = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal([("call-session", visible, 1L)], Items(page));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.DoesNotContain("billing", body, StringComparison.Ordinal);

        // A caller that may read no type (write-only) gets an empty page, whatever exists.
        var writer = await JsonAsync(await GetAsync($"/correlations/versions?id={correlation}", apiKey: TestCallers.CallSessionWriter), HttpStatusCode.OK);
        Assert.Empty(Items(writer));

        // A reader of every type sees all three.
        var all = await JsonAsync(await GetAsync($"/correlations/versions?id={correlation}", apiKey: TestCallers.Reader), HttpStatusCode.OK);
        Assert.Equal(3, Items(all).Count());
    }

    [Fact]
    public async Task an_unauthenticated_request_is_refused()
    {
        using var response = await GetAsync("/correlations/versions?id=x", apiKey: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/correlations/versions", "id")]
    [InlineData("/correlations/versions?id=", "id")]
    [InlineData("/correlations/versions?id=a&limit=0", "limit")]
    [InlineData("/correlations/versions?id=a&limit=201", "limit")]
    [InlineData("/correlations/versions?id=a&limit=ten", "limit")]
    [InlineData("/correlations/versions?id=a&cursor=not-a-cursor", "cursor")]
    [InlineData("/correlations/versions?id=a&cursor=-5", "cursor")]
    public async Task bad_arguments_are_400_problems_naming_the_field(string url, string field)
    {
        var problem = await ProblemAsync(await GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_correlation_id_longer_than_any_written_is_a_400_problem()
    {
        var problem = await ProblemAsync(await GetAsync($"/correlations/versions?id={new string('c', 513)}"), HttpStatusCode.BadRequest);
        Assert.Contains("correlationId", problem.ToString(), StringComparison.Ordinal);
    }
}
