using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client.Tests;

/// <summary>Issue 18 through the client library: the compatibility gate's typed refusal, its dry run and force, and reads upcast to the latest schema.</summary>
[Collection(StoreClusterCollection.Name)]
public sealed class SchemaEvolutionClientTests(StoreClusterFixture fixture)
{
    private const string V1 = """{"schema":{"type":"object","required":["caller"],"properties":{"caller":{"type":"string"},"agent":{"type":"string"}}}}""";

    private const string AgentRequired = """{"schema":{"type":"object","required":["caller","agent"],"properties":{"caller":{"type":"string"},"agent":{"type":"string"}}}}""";

    private const string Renamed = """
        {"upcast":[{"op":"move","from":"/caller","path":"/from"},{"op":"add","path":"/priority","value":0}],
         "schema":{"type":"object","required":["from","priority"],"properties":{"from":{"type":"string"},"priority":{"type":"integer"}}}}
        """;

    private ISchemaRegistry Schemas => (ISchemaRegistry)fixture.Store;

    private static string NewType() => "client-evolve-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>An entity of a new type with schema <see cref="V1"/>, stored under it.</summary>
    private async Task<EntityKey> EntityUnderV1Async()
    {
        var key = EntityKey.Create(NewType(), Guid.NewGuid().ToString("N"));
        await Schemas.RegisterSchemaAsync(key.Type, V1);
        await fixture.Store.PutAsync(key, """{"caller":"+5511999990000"}""");
        return key;
    }

    [Fact]
    public async Task RegisterSchema_StoredDataBreaksTheNewVersion_ThrowsSchemaIncompatibleNamingTheEntity()
    {
        var key = await EntityUnderV1Async();
        var type = key.Type;

        var error = await Assert.ThrowsAsync<SchemaIncompatibleException>(() => Schemas.RegisterSchemaAsync(type, AgentRequired));
        var dryRun = await Schemas.RegisterSchemaAsync(type, AgentRequired, new SchemaRegistrationOptions { DryRun = true });

        Assert.Equal(key.Id, Assert.Single(error.Report.Failures).EntityId);
        Assert.Null(dryRun.Write);
        Assert.Equal(key.Id, Assert.Single(dryRun.Report.Failures).EntityId);
        Assert.Equal(1, (await Schemas.GetSchemaAsync(type)).Version);
        var forced = await Schemas.RegisterSchemaAsync(type, AgentRequired, new SchemaRegistrationOptions { Force = true });
        Assert.Equal(2, forced.Write!.Version);
    }

    [Fact]
    public async Task GetAtLatestSchema_PayloadStoredUnderAnOlderVersion_ReturnsItUpcastAndKeepsTheStoredOne()
    {
        var key = await EntityUnderV1Async();
        await Schemas.RegisterSchemaAsync(key.Type, Renamed);

        var upcast = await Schemas.GetAtLatestSchemaAsync(key);
        var stored = await fixture.Store.GetAsync(key);

        Assert.Equal("""{"from":"+5511999990000","priority":0}""", upcast.Payload);
        Assert.Equal(2, upcast.SchemaVersion);
        Assert.Equal("""{"caller":"+5511999990000"}""", stored.Payload);
        Assert.Equal(stored.Hash, upcast.Hash);
    }
}
