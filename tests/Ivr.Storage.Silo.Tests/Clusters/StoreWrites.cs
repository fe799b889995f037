using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>A <see cref="WriteLoad"/>'s writes and reads through the client library, as IVR.Server makes them.</summary>
internal static class StoreWrites
{
    /// <summary>
    /// Puts with the write's idempotency key, expecting the version its writer saw last (none for a new entity):
    /// a version lost or written twice during a handover would surface as a conflict.
    /// </summary>
    public static Func<EntityWrite, Task<long>> Put(IEntityStore store, string entityType) => async write =>
    {
        var options = new EntityWriteOptions
        {
            IdempotencyKey = write.IdempotencyKey,
            Expected = write.PreviousVersion == 0 ? ExpectedVersion.NotExists : ExpectedVersion.Exactly(write.PreviousVersion),
        };
        var result = await store.PutAsync(EntityKey.Create(entityType, write.EntityId), write.Payload, options);
        return result.Version;
    };

    public static Func<string, Task<(long Version, string Payload)>> Get(IEntityStore store, string entityType) => async entityId =>
    {
        var state = await store.GetAsync(EntityKey.Create(entityType, entityId));
        return (state.Version, state.Payload ?? "{}");
    };
}
