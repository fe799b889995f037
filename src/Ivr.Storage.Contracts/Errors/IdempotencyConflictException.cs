namespace Ivr.Storage.Contracts;

/// <summary>The idempotency key was already used on this entity for a different request. Nothing was written.</summary>
[GenerateSerializer, Alias("ivr.IdempotencyConflictException")]
public sealed class IdempotencyConflictException : EntityStoreException
{
    public IdempotencyConflictException(EntityKey key, string idempotencyKey, long originalVersion)
        : base($"Idempotency key '{idempotencyKey}' was already used on entity '{key}' for a different request (version {originalVersion}).")
    {
        Key = key;
        IdempotencyKey = idempotencyKey;
        OriginalVersion = originalVersion;
    }

    /// <summary>The entity.</summary>
    [Id(0)] public EntityKey Key { get; private set; }

    /// <summary>The reused key.</summary>
    [Id(1)] public string IdempotencyKey { get; private set; }

    /// <summary>The version the key was first used for.</summary>
    [Id(2)] public long OriginalVersion { get; private set; }
}
