using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// The upcasters of a type's schema versions, per silo. A committed schema version never changes, so each is read
/// from the journal once and kept; no write and no repeated read goes back to the database for it.
/// </summary>
internal sealed class SchemaUpcastChain(IEntityJournal journal)
{
    private readonly ConcurrentDictionary<(string Type, long Version), JsonArray?> _upcasters = new();

    /// <summary>
    /// The schema version a stored payload is taken to be at: the version it records; 1 when it records none (written
    /// while the type was free-form, so the first schema version governs it); <paramref name="latest"/> when it records
    /// a later one. A later one is a version this silo's cache has not seen yet (the payload is already in its shape,
    /// nothing to upcast) or a label its writer chose before the type had a schema (taken as current).
    /// </summary>
    public static long StoredVersion(int? recorded, long latest) => recorded switch
    {
        null or < 1 => 1,
        { } version when version > latest => latest,
        { } version => version,
    };

    /// <summary>The upcasters of versions <paramref name="from"/>+1 … <paramref name="to"/>, in order (versions without one are skipped).</summary>
    public async Task<IReadOnlyList<JsonArray>> BetweenAsync(string type, long from, long to, CancellationToken cancellationToken = default)
    {
        var chain = new List<JsonArray>();
        for (var version = from + 1; version <= to; version++)
        {
            if (await GetAsync(type, version, cancellationToken) is { } upcaster)
            {
                chain.Add(upcaster);
            }
        }

        return chain;
    }

    /// <summary>Remembers the upcaster of a version this silo just committed.</summary>
    public void Committed(string type, long version, JsonArray? upcaster) => _upcasters[(type, version)] = upcaster;

    private async ValueTask<JsonArray?> GetAsync(string type, long version, CancellationToken cancellationToken)
    {
        if (_upcasters.TryGetValue((type, version), out var known))
        {
            return known;
        }

        var record = await journal.ReadVersionAsync(EntityKey.ForSchema(type), version, cancellationToken);
        var upcaster = record?.Payload is { } definition ? SchemaDefinition.Parse(definition).Upcast : null;
        return _upcasters.GetOrAdd((type, version), upcaster);
    }
}
