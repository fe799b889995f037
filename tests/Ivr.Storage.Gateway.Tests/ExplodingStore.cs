using System.Text.Json;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>A store with a bug: every call fails with an exception whose message holds things no caller may see.</summary>
public sealed class ExplodingStore : IEntityStore
{
    public const string Secret = "SELECT payload FROM ivr.journal WHERE password = 'hunter2'";

    private static InvalidOperationException Boom() => new(Secret);

    public Task<WriteResult> PutAsync(EntityKey key, string json, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> PutAsync(EntityKey key, JsonElement payload, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> PutAsync<T>(EntityKey key, T value, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> PatchAsync(EntityKey key, string mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> PatchAsync(EntityKey key, JsonElement mergePatch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> PatchAsync<T>(EntityKey key, T patch, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> DeleteAsync(EntityKey key, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<WriteResult> RevertAsync(EntityKey key, long version, EntityWriteOptions? options = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<EntityState> GetAsync(EntityKey key, CancellationToken cancellationToken = default) => throw Boom();

    public Task<VersionRecord> GetVersionAsync(EntityKey key, long version, CancellationToken cancellationToken = default) => throw Boom();

    public Task<VersionRecord> GetAsOfAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default) => throw Boom();

    public Task<HistoryPage> GetHistoryPageAsync(EntityKey key, HistoryQuery query, CancellationToken cancellationToken = default) => throw Boom();

    public IAsyncEnumerable<VersionRecord> GetHistoryAsync(EntityKey key, HistoryQuery? query = null, CancellationToken cancellationToken = default) => throw Boom();

    public Task<DiffResult> DiffAsync(EntityKey key, long fromVersion, long toVersion, CancellationToken cancellationToken = default) => throw Boom();

    public Task<VerificationResult> VerifyAsync(EntityKey key, CancellationToken cancellationToken = default) => throw Boom();
}
