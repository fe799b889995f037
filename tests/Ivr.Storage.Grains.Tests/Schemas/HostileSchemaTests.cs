using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>Issue 18: schemas that would fetch, loop, blow up or backtrack are refused at registration, and nothing is stored.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class HostileSchemaTests(EntityClusterFixture fixture) : SchemaTestBase(fixture)
{
    [Theory]
    [InlineData("""{"schema":{"$ref":"https://example.com/remote.json"}}""", "/schema/$ref")]
    [InlineData("""{"schema":{"properties":{"a":{"$ref":"http://127.0.0.1:1/x#"}}}}""", "/schema/properties/a/$ref")]
    [InlineData("""{"schema":{"$dynamicRef":"file:///etc/passwd"}}""", "/schema/$dynamicRef")]
    [InlineData("""{"schema":{"$schema":"http://json-schema.org/draft-07/schema#"}}""", "/schema/$schema")]
    [InlineData("""{"schema":{"properties":{"a":{"$id":"https://example.com/a","type":"string"}}}}""", "/schema/properties/a/$id")]
    [InlineData("""{"schema":{"patternProperties":{"^(a+)+$":{"type":"string"}}}}""", "/schema/patternProperties")]
    [InlineData("""{"schema":{"properties":{"a":{"pattern":"(a)\\1"}}}}""", "/schema/properties/a/pattern")]
    [InlineData("""{"schema":{"properties":{"a":{"pattern":"(?<=x)a"}}}}""", "/schema/properties/a/pattern")]
    [InlineData("""{"schema":{"$ref":"#"}}""", "/schema")]
    [InlineData("""{"schema":{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}}""", "/schema")]
    [InlineData("""{"schema":{"anyOf":[{"type":"string"},{"$ref":"#/$defs/missing"}]}}""", "/schema/anyOf/1/$ref")]
    [InlineData("""{"schema":{"type":"object"},"compatibility":"sideways"}""", "/compatibility")]
    [InlineData("""{"schema":true}""", "/schema")]
    [InlineData("""{"type":"object"}""", "/type")]
    public async Task should_refuse_a_hostile_schema_with_its_pointer_and_store_nothing(string definition, string pointer)
    {
        var type = NewType();

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => RegisterAsync(type, definition));

        Assert.Equal(ValidationErrorCode.InvalidSchema, error.Code);
        Assert.Equal(pointer, error.Pointer);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => SchemaEntity(type).GetCurrent());
    }

    [Fact]
    public async Task should_refuse_a_schema_nested_deeper_than_the_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"items":""", 40)) + "{}" + new string('}', 40);

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => RegisterAsync(NewType(), $$"""{"schema":{{deep}}}"""));

        Assert.Equal(ValidationErrorCode.InvalidSchema, error.Code);
    }

    [Fact]
    public async Task should_refuse_a_schema_larger_than_the_limit()
    {
        var properties = string.Join(',', Enumerable.Range(0, 3000).Select(i => $$"""
            "p{{i}}":{"type":"string"}
            """));

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => RegisterAsync(NewType(), "{\"schema\":{\"properties\":{" + properties + "}}}"));

        Assert.Equal(ValidationErrorCode.InvalidSchema, error.Code);
    }

    [Fact]
    public async Task should_refuse_writing_a_schema_through_the_entity_grain_even_for_an_entities_admin()
    {
        var type = NewType();

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => SchemaEntity(type).Put("""{"schema":{}}""", By()));

        Assert.Contains("reserved to the cluster's silos", error.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => SchemaEntity(type).GetCurrent());
    }
}
