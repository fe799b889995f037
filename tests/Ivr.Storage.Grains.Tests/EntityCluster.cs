using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

[CollectionDefinition(Name)]
public sealed class EntityClusterCollection : ICollectionFixture<EntityClusterFixture>
{
    public const string Name = "entity cluster";
}

/// <summary>Helpers shared by the entity tests. Every test uses its own entity ids, so tests never see each other's data.</summary>
public abstract class EntityTestBase(EntityClusterFixture fixture)
{
    protected EntityClusterFixture Fixture { get; } = fixture;

    protected static WriteOptions By(string source = "tests", ExpectedVersion? expected = null, string? idempotencyKey = null) => new()
    {
        Provenance = new Provenance { Source = source, CorrelationId = "corr-1", Actor = "tester", Reason = "testing" },
        Expected = expected ?? ExpectedVersion.Any,
        IdempotencyKey = idempotencyKey,
    };

    protected static EntityKey NewKey(string type = "test-entity") => EntityKey.Create(type, Guid.NewGuid().ToString("N"));

    protected IEntityGrain Grain(EntityKey key) => Fixture.Client.GetGrain<IEntityGrain>(key.ToGrainKey());

    protected IEntityGrain NewEntity(out EntityKey key)
    {
        key = NewKey();
        return Grain(key);
    }
}
