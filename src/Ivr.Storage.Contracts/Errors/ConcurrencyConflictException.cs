namespace Ivr.Storage.Contracts;

/// <summary>The entity was not at the version the writer expected. Nothing was written.</summary>
[GenerateSerializer, Alias("ivr.ConcurrencyConflictException")]
public sealed class ConcurrencyConflictException : EntityStoreException
{
    public ConcurrencyConflictException(EntityKey key, ExpectedVersion expected, long actualVersion)
        : this(key, expected, actualVersion, actualIsDeleted: false)
    {
    }

    public ConcurrencyConflictException(EntityKey key, ExpectedVersion expected, long actualVersion, bool actualIsDeleted)
        : base($"Concurrency conflict on entity '{key}': expected version {expected}, actual version {actualVersion}{(actualIsDeleted ? " (a delete)" : string.Empty)}.")
    {
        Key = key;
        Expected = expected;
        ActualVersion = actualVersion;
        ActualIsDeleted = actualIsDeleted;
    }

    /// <summary>The entity.</summary>
    [Id(0)] public EntityKey Key { get; private set; }

    /// <summary>What the writer expected.</summary>
    [Id(1)] public ExpectedVersion Expected { get; private set; }

    /// <summary>The entity's latest version when the write was refused (0 if it never existed).</summary>
    [Id(2)] public long ActualVersion { get; private set; }

    /// <summary>Whether that latest version is a delete (the entity does not exist now, although it has versions).</summary>
    [Id(3)] public bool ActualIsDeleted { get; private set; }
}
