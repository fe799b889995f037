using System.Net;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>Issue 18 over HTTP: register, read and list schemas; writes breaking them are 422 with every violation.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SchemaEndpointTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const string Definition = """
        {"schema":{"type":"object","required":["caller","state"],
          "properties":{"caller":{"type":"string","pattern":"^\\+[0-9]{7,15}$"},"state":{"enum":["ringing","answered"]}}}}
        """;

    private static string NewType() => "call-schema-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task should_register_read_and_list_a_schema_and_check_writes_against_it()
    {
        var type = NewType();

        var put = await SendAsync(HttpMethod.Put, $"/schemas/{type}", Definition, TestCallers.SchemaAdmin);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("\"1\"", ETag(put));

        var current = await GetAsync($"/schemas/{type}", apiKey: TestCallers.Reader);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Contains("\"required\":[\"caller\",\"state\"]", await current.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var versions = await JsonAsync(await GetAsync($"/schemas/{type}/versions", apiKey: TestCallers.Reader), HttpStatusCode.OK);
        Assert.Equal(1, versions.GetProperty("items").GetArrayLength());

        var refused = await PutAsync(Url(type, NewId()), """{"caller":"12","state":"lost"}""");
        var problem = await ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "schema-violation");
        Assert.Equal(1, problem.GetProperty("schemaVersion").GetInt64());
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("pointer").GetString(), e.GetProperty("keyword").GetString())).ToList();
        Assert.Contains(("/caller", "pattern"), errors);
        Assert.Contains(("/state", "enum"), errors);

        Assert.Equal(HttpStatusCode.Created, (await PutAsync(Url(type, NewId()), """{"caller":"+5511999990000","state":"ringing"}""")).StatusCode);

        // The change event names the schema version the payload was stored under (CloudEvents dataschema).
        var change = await FirstChangeAsync(type);
        Assert.Equal($"urn:ivr-storage:schema:{type}:1", change.GetProperty("dataschema").GetString());
        Assert.Equal(1, change.GetProperty("data").GetProperty("schemaVersion").GetInt32());
    }

    /// <summary>
    /// The type's first change: a page may stop at its bound of examined rows before reaching it (follow <c>next</c>), and
    /// the feed shows a commit once no older transaction is open (ask again, bounded).
    /// </summary>
    private async Task<System.Text.Json.JsonElement> FirstChangeAsync(string type)
    {
        var after = "0-0";
        System.Text.Json.JsonElement? found = null;
        await Ivr.Storage.Testing.Eventually.HoldsAsync(async () =>
        {
            var changes = await JsonAsync(await GetAsync($"/changes?types={type}&after={after}"), HttpStatusCode.OK);
            var items = changes.GetProperty("changes");
            if (items.GetArrayLength() > 0)
            {
                found = items[0];
                return true;
            }

            after = changes.GetProperty("next").GetString()!;
            return false;
        }, TimeSpan.FromSeconds(30), () => $"no change of {type} in the feed", interval: TimeSpan.FromMilliseconds(10));
        return found!.Value;
    }

    [Fact]
    public async Task should_answer_422_invalid_schema_with_the_pointer_for_a_remote_reference()
    {
        var type = NewType();

        var response = await SendAsync(HttpMethod.Put, $"/schemas/{type}", """{"schema":{"$ref":"https://example.com/s.json"}}""", TestCallers.SchemaAdmin);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "invalid-schema");
        Assert.Equal("/schema/$ref", problem.GetProperty("pointer").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/schemas/{type}", apiKey: TestCallers.Reader)).StatusCode);
    }

    [Theory]
    [InlineData(TestCallers.Admin)]             // entities:admin:* governs data, not schemas
    [InlineData(TestCallers.CallFamily)]        // entities:write:call-*
    [InlineData(TestCallers.CallSessionWriter)]
    public async Task should_refuse_403_a_schema_change_by_a_caller_without_schemas_admin(string apiKey)
    {
        var type = NewType();

        var response = await SendAsync(HttpMethod.Put, $"/schemas/{type}", Definition, apiKey);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal($"schemas:admin:{type}", problem.GetProperty("requiredScope").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/schemas/{type}", apiKey: TestCallers.Reader)).StatusCode);
    }

    [Theory]
    [InlineData("/entities/_schema/call-session")]
    [InlineData("/entities/%5Fschema/call-session")]
    public async Task should_refuse_400_writing_the_reserved_schema_type_through_the_entity_routes(string url)
    {
        var response = await SendAsync(HttpMethod.Put, url, """{"schema":{}}""", TestCallers.Admin, client: Fixture.KestrelClient);

        Assert.Equal("InvalidType", (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task should_refuse_reading_a_schema_without_read_on_its_type()
    {
        var type = NewType();
        await SendAsync(HttpMethod.Put, $"/schemas/{type}", Definition, TestCallers.SchemaAdmin);

        var response = await GetAsync($"/schemas/{type}", apiKey: TestCallers.CallSessionWriter);

        await ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }
}
