using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore
{
    /// <inheritdoc />
    public Task<WriteResult> PutAsync(EntityKey key, string json, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(key, options, (grain, write) => grain.Put(json, write), cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> PutAsync(EntityKey key, JsonElement payload, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(key, payload.GetRawText(), options, cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> PutAsync<T>(EntityKey key, T value, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(key, JsonSerializer.Serialize(value, _serializerOptions), options, cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> PatchAsync(EntityKey key, string mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(key, options, (grain, write) => grain.Patch(mergePatch, write), cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> PatchAsync(EntityKey key, JsonElement mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchAsync(key, mergePatch.GetRawText(), options, cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> PatchAsync<T>(EntityKey key, T patch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PatchAsync(key, JsonSerializer.Serialize(patch, _serializerOptions), options, cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> DeleteAsync(EntityKey key, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(key, options, (grain, write) => grain.Delete(write), cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> RevertAsync(EntityKey key, long version, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteAsync(key, options, (grain, write) => grain.Revert(version, write), cancellationToken);
}
