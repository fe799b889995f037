using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// The feed and the lookups by correlation and by message filter by the caller's readable types in the database. A
/// caller whose scopes name more patterns than one query takes must be refused, never served without the filter.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReadableTypesLimitTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    [Theory]
    [InlineData("/changes", "types")]
    [InlineData("/correlations/versions?id=corr-limit", "id")]
    [InlineData("/causations/msg-limit/versions", "types")]
    public async Task a_caller_with_more_read_patterns_than_a_query_filters_by_is_refused_with_400(string url, string field)
    {
        var problem = await ProblemAsync(await GetAsync(url, apiKey: TestCallers.ManyTypes), HttpStatusCode.BadRequest, "invalid-request");

        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("more than 64 type patterns", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_same_caller_naming_a_type_it_may_read_is_served()
    {
        using var response = await GetAsync("/changes?types=type-3", apiKey: TestCallers.ManyTypes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
