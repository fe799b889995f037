using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>Helpers for schema tests: each test registers the schema of a type of its own.</summary>
public abstract class SchemaTestBase(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    /// <summary>A call session: caller in E.164, a state from a list, an optional agent; nothing else.</summary>
    protected const string CallSessionSchema = """
        {"schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
          "required":["caller","state"],"additionalProperties":false,
          "properties":{"caller":{"type":"string","pattern":"^\\+[1-9][0-9]{6,14}$"},
                        "state":{"enum":["ringing","answered","ended"]},
                        "agent":{"type":"string","maxLength":32}}}}
        """;

    protected static string NewType() => "schema-" + Guid.NewGuid().ToString("N")[..12];

    protected Task<WriteResult> RegisterAsync(string type, string definition, ExpectedVersion? expected = null) =>
        Fixture.Client.GetGrain<ISchemaRegistryGrain>(type).Register(definition, By(expected: expected));

    protected IEntityGrain SchemaEntity(string type) => Fixture.Client.GetGrain<IEntityGrain>(EntityKey.ForSchema(type).ToGrainKey());
}
