using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Checks and compiles a schema definition, then appends it through the entity grain <c>_schema/&lt;type&gt;</c>,
/// so a schema version gets the same provenance, hash chain and feed entry as any entity version. Only this grain
/// (a silo) may write that key (<see cref="Security.CallPolicy"/>); the caller needs <c>schemas:admin:&lt;type&gt;</c>.
/// </summary>
internal sealed class SchemaRegistryGrain(SchemaCache cache) : Grain, ISchemaRegistryGrain
{
    public async Task<WriteResult> Register(string definition, WriteOptions options)
    {
        var type = this.GetPrimaryKeyString();
        var key = EntityKey.ForSchema(type);
        var parsed = SchemaDefinition.Parse(definition);
        var result = await GrainFactory.GetGrain<IEntityGrain>(key.ToGrainKey()).Put(parsed.Canonical, options);
        if (!result.IdempotentReplay)
        {
            cache.Committed(type, new CompiledSchema(result.Version, parsed.Schema));
        }

        return result;
    }
}
