using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// The compiled current schema of each entity type, per silo. A write never reads the database for its schema: an
/// entry is used for <see cref="EntityGrainOptions.SchemaRefreshInterval"/>, then the next write asks the grain
/// <c>_schema/&lt;type&gt;</c> for its head (held in memory) and recompiles only when the version moved. A schema
/// registered through this silo replaces the entry at once (<see cref="Committed"/>). Entries only move forward, and
/// only to committed versions, so a write is never checked against a schema that was not yet committed.
/// </summary>
internal sealed class SchemaCache(IGrainFactory grains, IOptions<EntityGrainOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The type's current schema, or null when it has none (never registered, or deleted).</summary>
    public async ValueTask<CompiledSchema?> GetAsync(string type)
    {
        if (_entries.TryGetValue(type, out var entry) && time.GetElapsedTime(entry.CheckedAt) < options.Value.SchemaRefreshInterval)
        {
            return entry.Schema;
        }

        return await RefreshAsync(type, entry);
    }

    /// <summary>A schema version this silo just committed.</summary>
    public void Committed(string type, CompiledSchema schema) => Store(type, new Entry(schema, schema.Version, time.GetTimestamp()));

    private async Task<CompiledSchema?> RefreshAsync(string type, Entry? known)
    {
        var head = grains.GetGrain<IEntityGrain>(EntityKey.ForSchema(type).ToGrainKey());
        EntityState state;
        // The silo's own housekeeping, not part of the write that needed it: its grain call stays out of that write's trace.
        var callerActivity = Activity.Current;
        Activity.Current = null;
        try
        {
            state = await head.GetCurrent();
        }
        catch (EntityStoreException gone) when (gone is EntityNotFoundException or EntityDeletedException)
        {
            return Store(type, new Entry(null, 0, time.GetTimestamp())).Schema;
        }
        finally
        {
            Activity.Current = callerActivity;
        }

        var schema = known is { } same && same.Version == state.Version
            ? same.Schema
            : new CompiledSchema(state.Version, SchemaDefinition.Parse(state.Payload).Schema);
        return Store(type, new Entry(schema, state.Version, time.GetTimestamp())).Schema;
    }

    /// <summary>Keeps the newer of the stored entry and <paramref name="entry"/>: a slow refresh never moves a type back.</summary>
    private Entry Store(string type, Entry entry) =>
        _entries.AddOrUpdate(type, entry, (_, existing) => existing.Version > entry.Version ? existing with { CheckedAt = entry.CheckedAt } : entry);

    private sealed record Entry(CompiledSchema? Schema, long Version, long CheckedAt);
}
