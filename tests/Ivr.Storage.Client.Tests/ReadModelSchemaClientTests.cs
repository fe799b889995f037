using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// Issue 18, the read model in upcast form: rows hold payloads upcast to their type's latest schema and the version
/// shown; registering a version with an upcaster re-projects the type's older rows in the same projection batch, so a
/// query by the new shape finds data written under the old one.
/// </summary>
[Collection(ReadModelStoreCollection.Name)]
public sealed class ReadModelSchemaClientTests(ReadModelStoreFixture fixture)
{
    private IEntityStore Store => fixture.Store;

    private ISchemaRegistry Schemas => (ISchemaRegistry)fixture.Store;

    private IReadModel ReadModel => fixture.ReadModel;

    private static string NewType() => "rm-schema-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task registering_a_version_with_an_upcaster_reprojects_the_types_rows_into_the_new_shape()
    {
        var type = NewType();
        await Schemas.RegisterSchemaAsync(type, UpcastChainSchemas.V1);
        await Store.PutAsync(EntityKey.Create(type, "a"), """{"caller":"+5511999990000"}""");
        var before = await Store.PutAsync(EntityKey.Create(type, "b"), """{"caller":"+5511999990001"}""");
        var atV1 = await ReadModel.ListAsync(new EntityListQuery { Type = type, MinPosition = before.FeedPosition });

        var registered = await Schemas.RegisterSchemaAsync(type, UpcastChainSchemas.V2);
        var after = await Store.PutAsync(EntityKey.Create(type, "c"), """{"from":"+5511999990002","priority":2}""");
        var atV2 = await ReadModel.ListAsync(new EntityListQuery { Type = type, MinPosition = after.FeedPosition, OldestFirst = true });
        var byNewShape = await ReadModel.ListAsync(new EntityListQuery { Type = type, Contains = """{"from":"+5511999990000"}""", MinPosition = after.FeedPosition });

        Assert.All(atV1.Items, item => Assert.Equal(1, item.SchemaVersion));
        Assert.Contains(atV1.Items, item => item.Payload == """{"caller":"+5511999990000"}""");
        Assert.True(after.FeedPosition > registered.FeedPosition);
        Assert.Equal(
            [("a", """{"from":"+5511999990000","priority":0}""", 2), ("b", """{"from":"+5511999990001","priority":0}""", 2), ("c", """{"from":"+5511999990002","priority":2}""", 2)],
            atV2.Items.Select(item => (item.Key.Id, item.Payload, item.SchemaVersion ?? -1)).OrderBy(item => item.Id));
        Assert.Equal("a", Assert.Single(byNewShape.Items).Key.Id);
        Assert.Equal("""{"caller":"+5511999990000"}""", (await Store.GetAsync(EntityKey.Create(type, "a"))).Payload);
    }

    [Fact]
    public async Task a_type_without_a_schema_is_projected_as_stored_at_schema_version_0()
    {
        var type = NewType();
        var write = await Store.PutAsync(EntityKey.Create(type, "free"), """{"free":"form"}""");

        var item = Assert.Single((await ReadModel.ListAsync(new EntityListQuery { Type = type, MinPosition = write.FeedPosition })).Items);

        Assert.Equal(("""{"free":"form"}""", 0), (item.Payload, item.SchemaVersion ?? -1));
    }
}
