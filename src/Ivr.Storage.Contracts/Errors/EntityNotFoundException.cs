namespace Ivr.Storage.Contracts;

/// <summary>The entity has never been written, or the requested version or time lies outside its history.</summary>
[GenerateSerializer, Alias("ivr.EntityNotFoundException")]
public sealed class EntityNotFoundException : EntityStoreException
{
    public EntityNotFoundException(EntityKey key, string message)
        : base(message)
    {
        Key = key;
    }

    /// <summary>The entity.</summary>
    [Id(0)] public EntityKey Key { get; private set; }

    /// <summary>The entity has no version at all.</summary>
    public static EntityNotFoundException NoEntity(EntityKey key) =>
        new(key, $"Entity '{key}' does not exist.");

    /// <summary>The version is beyond the entity's history.</summary>
    public static EntityNotFoundException NoVersion(EntityKey key, long version, long latest) =>
        new(key, $"Entity '{key}' has no version {version} (latest is {latest}).");

    /// <summary>The entity did not exist yet at that time.</summary>
    public static EntityNotFoundException NotYetCreated(EntityKey key, DateTimeOffset asOf) =>
        new(key, $"Entity '{key}' did not exist at {asOf:O}.");
}
