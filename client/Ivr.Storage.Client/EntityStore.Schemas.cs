using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore : ISchemaRegistry
{
    /// <inheritdoc />
    public Task<WriteResult> RegisterSchemaAsync(string type, string definition, EntityWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        _ = EntityKey.ForSchema(type);
        var writeOptions = _writeOptions.Create(options);
        return CallAsync(_grains.GetGrain<ISchemaRegistryGrain>(type), retrySafe: writeOptions.IdempotencyKey is not null,
            grain => grain.Register(definition, writeOptions), cancellationToken, writtenType: EntityKey.SchemaType);
    }

    /// <inheritdoc />
    public Task<SchemaRegistrationResult> RegisterSchemaAsync(string type, string definition, SchemaRegistrationOptions registration, EntityWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        _ = EntityKey.ForSchema(type);
        var writeOptions = _writeOptions.Create(options);
        // A dry run writes nothing, so it is as safe to retry as a read.
        return CallAsync(_grains.GetGrain<ISchemaRegistryGrain>(type), retrySafe: registration.DryRun || writeOptions.IdempotencyKey is not null,
            grain => grain.Register(definition, writeOptions, registration), cancellationToken, writtenType: registration.DryRun ? null : EntityKey.SchemaType);
    }

    /// <inheritdoc />
    public async Task<EntityState> GetAtLatestSchemaAsync(EntityKey key, CancellationToken cancellationToken = default)
    {
        // Create checks a key made with `with { … }`, and refuses an empty one, before it names a grain.
        _ = EntityKey.Create(key.Type, key.Id);
        var state = await CallAsync(_grains.GetGrain<ISchemaUpcastGrain>(key.Type), retrySafe: true, grain => grain.GetCurrent(key.Id), cancellationToken).ConfigureAwait(false);
        return state.Deleted ? throw new EntityDeletedException(state.Key, state.Version, state.UpdatedAt) : state;
    }

    /// <inheritdoc />
    public Task<VersionRecord> GetVersionAtLatestSchemaAsync(EntityKey key, long version, CancellationToken cancellationToken = default) =>
        UpcastReadAsync(key, grain => grain.GetVersion(key.Id, version), cancellationToken);

    /// <inheritdoc />
    public async Task<VersionRecord> GetAsOfAtLatestSchemaAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        var record = await UpcastReadAsync(key, grain => grain.GetAsOf(key.Id, asOf), cancellationToken).ConfigureAwait(false);
        return record.Deleted ? throw new EntityDeletedException(record.Key, record.Version, record.CommittedAt) : record;
    }

    /// <inheritdoc />
    public Task<HistoryPage> GetHistoryPageAtLatestSchemaAsync(EntityKey key, HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return UpcastReadAsync(key, grain => grain.GetHistory(key.Id, query), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DiffResult> DiffAtLatestSchemaAsync(EntityKey key, long fromVersion, long toVersion, CancellationToken cancellationToken = default) =>
        UpcastReadAsync(key, grain => grain.Diff(key.Id, fromVersion, toVersion), cancellationToken);

    /// <inheritdoc />
    public Task<EntityState> GetSchemaAsync(string type, CancellationToken cancellationToken = default) =>
        CallAsync(SchemaEntity(type), retrySafe: true, grain => grain.GetCurrent(), cancellationToken);

    /// <inheritdoc />
    public Task<HistoryPage> GetSchemaVersionsAsync(string type, HistoryQuery? query = null, CancellationToken cancellationToken = default) =>
        CallAsync(SchemaEntity(type), retrySafe: true, grain => grain.GetHistory(query ?? new HistoryQuery()), cancellationToken);

    private Task<T> UpcastReadAsync<T>(EntityKey key, Func<ISchemaUpcastGrain, Task<T>> read, CancellationToken cancellationToken)
    {
        // Create checks a key made with `with { … }`, and refuses an empty one, before it names a grain.
        _ = EntityKey.Create(key.Type, key.Id);
        return CallAsync(_grains.GetGrain<ISchemaUpcastGrain>(key.Type), retrySafe: true, read, cancellationToken);
    }

    private IEntityGrain SchemaEntity(string type) => _grains.GetGrain<IEntityGrain>(EntityKey.ForSchema(type).ToGrainKey());
}
