namespace Ivr.Storage.Contracts;

/// <summary>The entity's latest version (or the version in effect at the requested time) is a delete.</summary>
[GenerateSerializer, Alias("ivr.EntityDeletedException")]
public sealed class EntityDeletedException : EntityStoreException
{
    public EntityDeletedException(EntityKey key, long deletedVersion, DateTimeOffset deletedAt)
        : base($"Entity '{key}' was deleted at version {deletedVersion} ({deletedAt:O}).")
    {
        Key = key;
        DeletedVersion = deletedVersion;
        DeletedAt = deletedAt;
    }

    /// <summary>The entity.</summary>
    [Id(0)] public EntityKey Key { get; private set; }

    /// <summary>The tombstone's version.</summary>
    [Id(1)] public long DeletedVersion { get; private set; }

    /// <summary>When it was deleted.</summary>
    [Id(2)] public DateTimeOffset DeletedAt { get; private set; }
}
