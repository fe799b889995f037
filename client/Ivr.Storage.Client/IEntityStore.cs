using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// The typed facade over IVR.Storage. Every error is one of the Contracts' typed exceptions: validation,
/// conflict and not-found errors as the cluster reported them, and <see cref="StoreUnavailableException"/> for
/// everything transient (after retries) and while the circuit breaker is open.
/// </summary>
public interface IEntityStore
{
    /// <summary>Creates or replaces the payload, a JSON object.</summary>
    Task<WriteResult> PutAsync(EntityKey key, string json, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the payload, a JSON object.</summary>
    Task<WriteResult> PutAsync(EntityKey key, JsonElement payload, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the payload with <paramref name="value"/> serialized with <see cref="IvrStorageClientOptions.SerializerOptions"/>.</summary>
    Task<WriteResult> PutAsync<T>(EntityKey key, T value, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies a JSON Merge Patch (RFC 7396) to the current payload.</summary>
    Task<WriteResult> PatchAsync(EntityKey key, string mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies a JSON Merge Patch (RFC 7396) to the current payload.</summary>
    Task<WriteResult> PatchAsync(EntityKey key, JsonElement mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Applies <paramref name="patch"/>, serialized with <see cref="IvrStorageClientOptions.SerializerOptions"/>, as a JSON Merge Patch.</summary>
    Task<WriteResult> PatchAsync<T>(EntityKey key, T patch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a tombstone; history stays and a later put continues the numbering.</summary>
    Task<WriteResult> DeleteAsync(EntityKey key, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a new version whose payload equals that of <paramref name="version"/>.</summary>
    Task<WriteResult> RevertAsync(EntityKey key, long version, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The current state.</summary>
    /// <exception cref="EntityNotFoundException">The entity was never written.</exception>
    /// <exception cref="EntityDeletedException">The latest version is a delete.</exception>
    Task<EntityState> GetAsync(EntityKey key, CancellationToken cancellationToken = default);

    /// <summary>One version with its payload (a tombstone has none).</summary>
    /// <exception cref="EntityNotFoundException">The entity or the version does not exist.</exception>
    Task<VersionRecord> GetVersionAsync(EntityKey key, long version, CancellationToken cancellationToken = default);

    /// <summary>The version in effect at <paramref name="asOf"/>.</summary>
    /// <exception cref="EntityNotFoundException">The entity did not exist yet at that time.</exception>
    /// <exception cref="EntityDeletedException">The version in effect at that time is a delete.</exception>
    Task<VersionRecord> GetAsOfAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>One page of history; pass <see cref="HistoryPage.NextCursor"/> as the next query's cursor.</summary>
    Task<HistoryPage> GetHistoryPageAsync(EntityKey key, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The whole history (from <paramref name="query"/>'s cursor on), walking the pages lazily.</summary>
    IAsyncEnumerable<VersionRecord> GetHistoryAsync(EntityKey key, HistoryQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The JSON Patch (RFC 6902) that turns version <paramref name="fromVersion"/> into <paramref name="toVersion"/>.</summary>
    Task<DiffResult> DiffAsync(EntityKey key, long fromVersion, long toVersion, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the entity's hash chain from the journal.</summary>
    Task<VerificationResult> VerifyAsync(EntityKey key, CancellationToken cancellationToken = default);
}
