using System.Diagnostics;
using System.Net;
using System.Text;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// Issue 18: a bounded, seeded fuzz run of hostile schema definitions (remote and looping references, deep and huge
/// documents, catastrophic and unsupported patterns, junk) and of payloads aimed at the schemas that were accepted.
/// No request may get a 5xx or hang, and the gateway still serves a normal write afterwards.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileSchemaFuzzTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private const int Seed = 20261207;
    private const int MaxRequests = 240;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    private static readonly string[] Fragments =
    [
        """{"$ref":"https://example.com/s.json"}""",
        """{"$ref":"#"}""",
        """{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""",
        """{"type":"string","pattern":"^(a+)+$"}""",
        """{"type":"string","pattern":"^(a|aa)*$"}""",
        """{"type":"string","pattern":"(x)\\1"}""",
        """{"type":"string","pattern":"["}""",
        """{"patternProperties":{"^(a+)+$":{}}}""",
        """{"$schema":"http://json-schema.org/draft-04/schema#"}""",
        """{"type":"string","format":"email"}""",
        """{"type":"integer","multipleOf":1e-300}""",
        """{"anyOf":[{"type":"string"},{"$ref":"#/$defs/missing"}]}""",
        """{"type":"objectx"}""",
    ];

    [Fact]
    public async Task hostile_schemas_and_the_payloads_aimed_at_them_get_no_5xx_and_leave_the_gateway_healthy()
    {
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var statuses = new Dictionary<int, int>();
        var types = Enumerable.Range(0, 6).Select(_ => "call-fuzz-" + NewId()[..8]).ToArray();
        for (var sent = 0; sent < MaxRequests && clock.Elapsed < MaxDuration; sent++)
        {
            var type = types[random.Next(types.Length)];
            using var response = random.Next(3) == 0
                ? await PutAsync(Url(type, "id-" + random.Next(20)), $$"""{"s":"{{new string('a', random.Next(10, 5000))}}!","n":{{random.Next()}}}""")
                : await SendAsync(HttpMethod.Put, $"/schemas/{type}", Definition(random), TestCallers.SchemaAdmin);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"request {sent} got {status}: {body}");
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        }

        Assert.True(statuses.GetValueOrDefault(422) > 0, "some schemas were refused: " + string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")));
        await JsonAsync(await PutAsync(Url("call-fuzz-" + NewId()[..8], NewId()), """{"after":"fuzz"}"""), HttpStatusCode.Created);
    }

    private static string Definition(Random random)
    {
        var schema = random.Next(6) switch
        {
            0 => Deep(random.Next(20, 60)),
            1 => Huge(random.Next(2000, 5000)),
            2 => Encoding.UTF8.GetString(Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(32, 127)).ToArray()),
            _ => "{\"type\":\"object\",\"properties\":{\"s\":" + Fragments[random.Next(Fragments.Length)] + ",\"n\":" + Fragments[random.Next(Fragments.Length)] + "}}",
        };
        return $$"""{"schema":{{schema}}}""";
    }

    private static string Deep(int depth) => string.Concat(Enumerable.Repeat("""{"items":""", depth)) + "{}" + new string('}', depth);

    private static string Huge(int properties) =>
        "{\"properties\":{" + string.Join(',', Enumerable.Range(0, properties).Select(i => $$"""
            "p{{i}}":{"type":"string","maxLength":{{i}}}
            """)) + "}}";
}
