using System.Text.Json.Nodes;
using CsCheck;
using Ivr.Storage.Grains.Schemas;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>
/// Issue 18: a document valid under version n, upcast by version n+1's upcaster, is valid under n+1. Generated
/// documents (CsCheck: shrinks a failure to its smallest case), no cluster: the schemas and the upcaster as the silo runs them.
/// </summary>
public sealed class SchemaUpcastPropertyTests
{
    private const string V1 = """
        {"schema":{"type":"object","required":["caller","state"],"additionalProperties":false,
          "properties":{"caller":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$"},
                        "state":{"enum":["ringing","answered","ended"]},
                        "agent":{"type":"string","maxLength":32},
                        "tags":{"type":"array","items":{"type":"string"}}}}}
        """;

    /// <summary>Renames caller to from, nests state under call, copies from into a required audit member, defaults priority.</summary>
    private const string V2 = """
        {"upcast":[{"op":"move","from":"/caller","path":"/from"},
                   {"op":"add","path":"/call","value":{}},
                   {"op":"move","from":"/state","path":"/call/state"},
                   {"op":"copy","from":"/from","path":"/call/originalCaller"},
                   {"op":"add","path":"/priority","value":0}],
         "schema":{"type":"object","required":["from","call","priority"],"additionalProperties":false,
          "properties":{"from":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$"},
                        "call":{"type":"object","required":["state","originalCaller"],"additionalProperties":false,
                                "properties":{"state":{"enum":["ringing","answered","ended","transferred"]},"originalCaller":{"type":"string"}}},
                        "priority":{"type":"integer","minimum":0},
                        "agent":{"type":"string","maxLength":64},
                        "tags":{"type":"array","items":{"type":"string"}}}}}
        """;

    private static readonly string[] States = ["ringing", "answered", "ended"];

    private static readonly Gen<string> Text = Gen.String[Gen.Char.AlphaNumeric, 0, 32];

    private static readonly Gen<JsonObject> ValidUnderV1 = Gen.Select(
        Gen.Int[1, 9], Gen.Long[100_000, 99_999_999_999_999L], Gen.Int[0, 2].Select(i => States[i]),
        Gen.Bool, Text, Gen.Bool, Text.Array[0, 4],
        (lead, rest, state, hasAgent, agent, hasTags, tags) =>
        {
            var document = new JsonObject { ["caller"] = $"+{lead}{rest}", ["state"] = state };
            if (hasAgent)
            {
                document["agent"] = agent;
            }

            if (hasTags)
            {
                document["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode?)tag)]);
            }

            return document;
        });

    [Fact]
    public void should_keep_every_document_valid_under_n_valid_under_n_plus_one_after_its_upcaster()
    {
        var v1 = new CompiledSchema(1, SchemaDefinition.Parse(V1).Schema);
        var v2 = SchemaDefinition.Parse(V2);
        var next = new CompiledSchema(2, v2.Schema);

        ValidUnderV1.Sample(document =>
        {
            var payload = JsonPayload.FromObject(document).Json;
            Assert.Empty(v1.Validate(payload));

            var upcast = SchemaUpcaster.Apply(payload, [v2.Upcast!]);

            Assert.Empty(next.Validate(upcast));
            Assert.Equal(JsonNode.Parse(payload)!["caller"]!.GetValue<string>(), JsonNode.Parse(upcast)!["from"]!.GetValue<string>());
        }, iter: 500);
    }
}
