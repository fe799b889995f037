using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Entity;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Reads as of the latest schema version. A stateless worker, so upcasting runs on the silo that receives the read,
/// beside its schema cache, and never queues behind one activation per type. The entity grain serves the stored
/// versions; this grain only reshapes copies of their payloads, so hashes keep covering the stored bytes.
/// </summary>
[StatelessWorker]
internal sealed class SchemaUpcastGrain(LatestSchemaView view) : Grain, ISchemaUpcastGrain
{
    public async Task<EntityState> GetCurrent(string id)
    {
        var (key, entity) = Entity(id);
        var state = await entity.GetCurrent();
        var latest = await LatestAsync(key.Type);
        if (state.Payload is not { } payload || latest is null)
        {
            return state;
        }

        var shown = await view.UpcastAsync(key, state.Version, payload, state.SchemaVersion, latest.Value);
        return shown is null ? state : state with { Payload = shown, SchemaVersion = checked((int)latest.Value) };
    }

    public async Task<VersionRecord> GetVersion(string id, long version)
    {
        var (key, entity) = Entity(id);
        return await ShowAsync(key, await entity.GetVersion(version), await LatestAsync(key.Type));
    }

    public async Task<VersionRecord> GetAsOf(string id, DateTimeOffset asOf)
    {
        var (key, entity) = Entity(id);
        return await ShowAsync(key, await entity.GetAsOf(asOf), await LatestAsync(key.Type));
    }

    public async Task<HistoryPage> GetHistory(string id, HistoryQuery query)
    {
        var (key, entity) = Entity(id);
        var page = await entity.GetHistory(query);
        if (!query.IncludePayloads || await LatestAsync(key.Type) is not { } latest)
        {
            return page;
        }

        var items = new VersionRecord[page.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = await ShowAsync(key, page.Items[i], latest);
        }

        return page with { Items = items };
    }

    public async Task<DiffResult> Diff(string id, long fromVersion, long toVersion)
    {
        var (key, entity) = Entity(id);
        if (await LatestAsync(key.Type) is not { } latest)
        {
            return await entity.Diff(fromVersion, toVersion);
        }

        var from = await ShowAsync(key, await entity.GetVersion(fromVersion), latest);
        var to = await ShowAsync(key, await entity.GetVersion(toVersion), latest);
        return new DiffResult
        {
            Key = key,
            FromVersion = fromVersion,
            ToVersion = toVersion,
            Patch = PayloadDiff.Between(from.Payload, to.Payload),
            ShownAtSchemaVersion = checked((int)latest),
        };
    }

    private (EntityKey Key, IEntityGrain Grain) Entity(string id)
    {
        var key = EntityKey.Create(this.GetPrimaryKeyString(), id);
        return (key, GrainFactory.GetGrain<IEntityGrain>(key.ToGrainKey()));
    }

    private ValueTask<long?> LatestAsync(string type) => view.LatestAsync(type);

    /// <summary>The record with its payload upcast to <paramref name="latest"/> (a tombstone, or a type without a schema, as stored).</summary>
    private async Task<VersionRecord> ShowAsync(EntityKey key, VersionRecord record, long? latest)
    {
        if (record.Payload is not { } payload || latest is not { } to)
        {
            return record;
        }

        var shown = await view.UpcastAsync(key, record.Version, payload, record.SchemaVersion, to);
        return record with { Payload = shown ?? payload, ShownAtSchemaVersion = checked((int)to) };
    }
}
