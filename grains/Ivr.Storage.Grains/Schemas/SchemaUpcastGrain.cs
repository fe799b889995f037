using Ivr.Storage.Contracts;
using Ivr.Storage.Json;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Reads as of the latest schema version. A stateless worker, so upcasting runs on the silo that receives the read,
/// beside its schema cache, and never queues behind one activation per type. The entity grain serves the stored
/// state; this grain only reshapes a copy of its payload.
/// </summary>
[StatelessWorker]
internal sealed class SchemaUpcastGrain(SchemaCache schemas, SchemaUpcastChain upcasters) : Grain, ISchemaUpcastGrain
{
    public async Task<EntityState> GetCurrent(string id)
    {
        var key = EntityKey.Create(this.GetPrimaryKeyString(), id);
        var state = await GrainFactory.GetGrain<IEntityGrain>(key.ToGrainKey()).GetCurrent();
        if (state.Payload is not { } payload || await schemas.GetAsync(key.Type) is not { } latest)
        {
            return state;
        }

        var stored = SchemaUpcastChain.StoredVersion(state.SchemaVersion, latest.Version);
        if (stored == latest.Version)
        {
            return state;
        }

        var chain = await upcasters.BetweenAsync(key.Type, stored, latest.Version);
        try
        {
            return state with { Payload = SchemaUpcaster.Apply(payload, chain), SchemaVersion = checked((int)latest.Version) };
        }
        catch (JsonPayloadException error)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidOperation, "schema",
                $"Version {state.Version} of '{key}' (stored under schema version {stored}) cannot be upcast to schema version {latest.Version}: {error.Reason} The stored payload is unchanged; read it without schema=latest.");
        }
    }
}
