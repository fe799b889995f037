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
    public Task<EntityState> GetSchemaAsync(string type, CancellationToken cancellationToken = default) =>
        CallAsync(SchemaEntity(type), retrySafe: true, grain => grain.GetCurrent(), cancellationToken);

    /// <inheritdoc />
    public Task<HistoryPage> GetSchemaVersionsAsync(string type, HistoryQuery? query = null, CancellationToken cancellationToken = default) =>
        CallAsync(SchemaEntity(type), retrySafe: true, grain => grain.GetHistory(query ?? new HistoryQuery()), cancellationToken);

    private IEntityGrain SchemaEntity(string type) => _grains.GetGrain<IEntityGrain>(EntityKey.ForSchema(type).ToGrainKey());
}
