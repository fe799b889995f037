using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 18 over HTTP: the compatibility gate (409 with the failing entity ids, ?dryRun=true, audited ?force=true, and
/// force attempted without the schemas:admin scope) and upcasting on read (?schema=latest).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SchemaEvolutionEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const string V1 = """
        {"schema":{"type":"object","required":["caller","state"],
          "properties":{"caller":{"type":"string"},"state":{"enum":["ringing","answered"]},"agent":{"type":"string"}}}}
        """;

    private static readonly string AgentRequired = V1.Replace("\"required\":[\"caller\",\"state\"]", "\"required\":[\"caller\",\"state\",\"agent\"]", StringComparison.Ordinal);

    private static string NewType() => "call-evolve-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A type with schema v1 and two entities: one without an agent (its id is returned), one with.</summary>
    private async Task<(string Type, string Without)> TypeWithDataAsync()
    {
        var type = NewType();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Put, $"/schemas/{type}", V1, TestCallers.SchemaAdmin)).StatusCode);
        var without = NewId();
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, without), """{"caller":"+5511999990000","state":"ringing"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, NewId()), """{"caller":"+5511999990001","state":"ringing","agent":"ana"}""")).StatusCode);
        return (type, without);
    }

    private async Task<string?> SchemaVersionAsync(string type) => ETag(await GetAsync($"/schemas/{type}", apiKey: TestCallers.Reader));

    [Fact]
    public async Task should_refuse_409_a_version_stored_data_breaks_and_list_the_failing_entity_ids()
    {
        var (type, without) = await TypeWithDataAsync();

        var response = await SendAsync(HttpMethod.Put, $"/schemas/{type}", AgentRequired, TestCallers.SchemaAdmin);

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict, "schema-incompatible");
        Assert.Equal(2, problem.GetProperty("candidateVersion").GetInt64());
        Assert.Equal(2, problem.GetProperty("entitiesChecked").GetInt32());
        var failure = Assert.Single(problem.GetProperty("failures").EnumerateArray());
        Assert.Equal(without, failure.GetProperty("id").GetString());
        Assert.Contains(failure.GetProperty("errors").EnumerateArray(), e => e.GetProperty("keyword").GetString() == "required");
        Assert.Equal("\"1\"", await SchemaVersionAsync(type));
    }

    [Fact]
    public async Task should_report_on_a_dry_run_and_register_nothing()
    {
        var (type, without) = await TypeWithDataAsync();

        var report = await JsonAsync(await SendAsync(HttpMethod.Put, $"/schemas/{type}?dryRun=true", AgentRequired, TestCallers.SchemaAdmin), HttpStatusCode.OK);

        Assert.False(report.GetProperty("compatible").GetBoolean());
        Assert.Equal(without, Assert.Single(report.GetProperty("failures").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("\"1\"", await SchemaVersionAsync(type));
    }

    [Fact]
    public async Task should_register_a_forced_version_and_show_in_the_schema_history_that_it_was_forced()
    {
        var (type, _) = await TypeWithDataAsync();

        var response = await SendAsync(HttpMethod.Put, $"/schemas/{type}?force=true", AgentRequired, TestCallers.SchemaAdmin,
            headers: headers => headers.Add("X-Reason", "agents are mandatory from today"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = await JsonAsync(await GetAsync($"/schemas/{type}/versions", apiKey: TestCallers.Reader), HttpStatusCode.OK);
        var forced = versions.GetProperty("items")[1];
        Assert.Equal("forced past the compatibility gate (1 failing stored version(s)): agents are mandatory from today",
            forced.GetProperty("provenance").GetProperty("reason").GetString());
        Assert.Equal("true", forced.GetProperty("tags").GetProperty("schema.forced").GetString());
    }

    /// <summary>The attack: force (or a dry run, which reads every entity of the type) without schemas:admin:{type}, sent raw over a socket.</summary>
    [Theory]
    [InlineData(TestCallers.Admin, "force=true")]
    [InlineData(TestCallers.CallFamily, "force=true")]
    [InlineData(TestCallers.CallSessionWriter, "force=true")]
    [InlineData(TestCallers.Reader, "dryRun=true")]
    public async Task should_refuse_403_force_or_dry_run_without_schemas_admin_and_change_nothing(string apiKey, string query)
    {
        var (type, _) = await TypeWithDataAsync();

        var response = await SendAsync(HttpMethod.Put, $"/schemas/{type}?{query}", AgentRequired, apiKey, client: Fixture.KestrelClient);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal($"schemas:admin:{type}", problem.GetProperty("requiredScope").GetString());
        Assert.Equal("\"1\"", await SchemaVersionAsync(type));
    }

    [Fact]
    public async Task should_read_the_payload_upcast_to_the_latest_schema_and_keep_the_stored_one()
    {
        var (type, without) = await TypeWithDataAsync();
        var renamed = V1.Replace("\"caller\"", "\"from\"", StringComparison.Ordinal)
            .Replace("{\"schema\":", "{\"upcast\":[{\"op\":\"move\",\"from\":\"/caller\",\"path\":\"/from\"}],\"schema\":", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/schemas/{type}", renamed, TestCallers.SchemaAdmin)).StatusCode);

        var latest = await GetAsync(Url(type, without, "?schema=latest"), apiKey: TestCallers.Reader);
        var stored = await GetAsync(Url(type, without), apiKey: TestCallers.Reader);

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal("""{"from":"+5511999990000","state":"ringing"}""", await latest.Content.ReadAsStringAsync());
        Assert.Equal("2", latest.Headers.GetValues("X-Schema-Version").Single());
        Assert.Equal("""{"caller":"+5511999990000","state":"ringing"}""", await stored.Content.ReadAsStringAsync());
        Assert.Equal("1", stored.Headers.GetValues("X-Schema-Version").Single());
        Assert.Equal(ETag(stored), ETag(latest));
    }

    [Theory]
    [InlineData("?schema=newest")]
    [InlineData("?schema=")]
    public async Task should_refuse_400_a_schema_argument_it_cannot_serve(string query)
    {
        var (type, without) = await TypeWithDataAsync();

        var problem = await ProblemAsync(await GetAsync(Url(type, without, query), apiKey: TestCallers.Reader), HttpStatusCode.BadRequest);

        Assert.Equal("schema", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task should_refuse_reading_upcast_without_read_on_the_type()
    {
        var (type, without) = await TypeWithDataAsync();

        var response = await SendAsync(HttpMethod.Get, Url(type, without, "?schema=latest"), apiKey: TestCallers.CallSessionWriter, client: Fixture.KestrelClient);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }
}
