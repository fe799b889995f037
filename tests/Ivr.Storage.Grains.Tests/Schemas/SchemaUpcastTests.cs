using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests.Schemas;

/// <summary>Issue 18, upcasting on read: a payload read as of the latest schema is reshaped by the upcasters; what is stored never changes.</summary>
[Collection(EntityClusterCollection.Name)]
public sealed class SchemaUpcastTests(EntityClusterFixture fixture) : SchemaTestBase(fixture)
{
    /// <summary>Version 2: <c>agent</c> is renamed <c>operator</c> (moved by the upcaster; <c>agent</c> was optional, so it is required in v1 here).</summary>
    private static readonly string V1 = CallSessionSchema.Replace("\"required\":[\"caller\",\"state\"]", "\"required\":[\"caller\",\"state\",\"agent\"]", StringComparison.Ordinal);

    private static readonly string V2 = V1.Replace("\"agent\"", "\"operator\"", StringComparison.Ordinal)
        .Replace("{\"schema\":", "{\"upcast\":[{\"op\":\"move\",\"from\":\"/agent\",\"path\":\"/operator\"}],\"schema\":", StringComparison.Ordinal);

    /// <summary>Version 3: a required <c>priority</c>, 0 for data written before it (the upcaster's default).</summary>
    private static readonly string V3 = V2.Replace("\"required\":[\"caller\",\"state\",\"operator\"]", "\"required\":[\"caller\",\"state\",\"operator\",\"priority\"]", StringComparison.Ordinal)
        .Replace("\"properties\":{", "\"properties\":{\"priority\":{\"type\":\"integer\"},", StringComparison.Ordinal)
        .Replace("\"upcast\":[{\"op\":\"move\",\"from\":\"/agent\",\"path\":\"/operator\"}]", "\"upcast\":[{\"op\":\"add\",\"path\":\"/priority\",\"value\":0}]", StringComparison.Ordinal);

    private ISchemaUpcastGrain Latest(string type) => Fixture.Client.GetGrain<ISchemaUpcastGrain>(type);

    [Fact]
    public async Task should_upcast_a_payload_through_every_later_version_and_keep_the_stored_bytes_and_hash()
    {
        var type = NewType();
        await RegisterAsync(type, V1);
        var key = NewKey(type);
        await Grain(key).Put("""{"caller":"+5511999990000","state":"ringing","agent":"ana"}""", By());
        await RegisterAsync(type, V2);
        await RegisterAsync(type, V3);

        var upcast = await Latest(type).GetCurrent(key.Id);

        Assert.Equal("""{"caller":"+5511999990000","operator":"ana","priority":0,"state":"ringing"}""", upcast.Payload);
        Assert.Equal(3, upcast.SchemaVersion);
        var stored = await Grain(key).GetCurrent();
        Assert.Equal("""{"agent":"ana","caller":"+5511999990000","state":"ringing"}""", stored.Payload);
        Assert.Equal(1, stored.SchemaVersion);
        Assert.Equal(stored.Hash, upcast.Hash);
        Assert.Equal(stored.Version, upcast.Version);
        Assert.True((await Grain(key).Verify()).IsValid);
    }

    [Fact]
    public async Task should_start_from_the_schema_version_the_payload_was_stored_under()
    {
        var type = NewType();
        await RegisterAsync(type, V1);
        await RegisterAsync(type, V2);
        var key = NewKey(type);
        await Grain(key).Put("""{"caller":"+5511999990000","state":"ringing","operator":"ana"}""", By());
        await RegisterAsync(type, V3);

        var upcast = await Latest(type).GetCurrent(key.Id);

        Assert.Equal("""{"caller":"+5511999990000","operator":"ana","priority":0,"state":"ringing"}""", upcast.Payload);
    }

    [Fact]
    public async Task should_answer_a_repeated_registration_with_an_upcaster_with_the_original_result()
    {
        var type = NewType();
        await RegisterAsync(type, V1);
        await Grain(NewKey(type)).Put("""{"caller":"+5511999990000","state":"ringing","agent":"ana"}""", By());
        var registry = Fixture.Client.GetGrain<ISchemaRegistryGrain>(type);
        var first = await registry.Register(V2, By(idempotencyKey: "v2"));

        // Checked again, the data (already upcast once by the chain up to v2) would meet v2's move a second time.
        var again = await registry.Register(V2, By(idempotencyKey: "v2"));

        Assert.Equal((2L, true), (again.Version, again.IdempotentReplay));
        Assert.Equal(first.Hash, again.Hash);
    }

    [Theory]
    [InlineData(null, 1L)]
    [InlineData(0, 1L)]
    [InlineData(2, 2L)]
    [InlineData(5, 3L)]
    public void StoredVersion_RecordedVersion_IsTakenAsTheVersionToUpcastFrom(int? recorded, long expected) =>
        Assert.Equal(expected, Ivr.Storage.Grains.Schemas.SchemaUpcastChain.StoredVersion(recorded, latest: 3));

    [Fact]
    public async Task should_return_the_stored_payload_of_a_type_without_a_schema()
    {
        var key = NewKey(NewType());
        await Grain(key).Put("""{"free":"form"}""", By());

        var state = await Latest(key.Type).GetCurrent(key.Id);

        Assert.Equal("""{"free":"form"}""", state.Payload);
    }

    [Fact]
    public async Task should_not_find_an_entity_that_does_not_exist()
    {
        var type = NewType();
        await RegisterAsync(type, V1);

        await Assert.ThrowsAsync<EntityNotFoundException>(() => Latest(type).GetCurrent("missing-" + Guid.NewGuid().ToString("N")));
    }
}
