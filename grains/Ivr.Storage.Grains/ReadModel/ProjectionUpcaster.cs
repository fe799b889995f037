using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Schemas;
using Ivr.Storage.ReadModel;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>The read model's view of payloads at their type's latest schema, through the silo's <see cref="LatestSchemaView"/>.</summary>
internal sealed class ProjectionUpcaster(LatestSchemaView schemas) : IProjectionUpcaster
{
    public async ValueTask<(string Payload, int SchemaVersion)> ShowAsync(EntityKey key, long version, string payload, int? recorded, long? atLeast)
    {
        var known = await schemas.LatestAsync(key.Type);
        var latest = Math.Max(known ?? 0, atLeast ?? 0);
        if (latest == 0)
        {
            return (payload, recorded ?? 0);
        }

        try
        {
            var shown = await schemas.UpcastAsync(key, version, payload, recorded, latest);
            return shown is null ? (payload, Math.Max(recorded ?? 0, checked((int)latest))) : (shown, checked((int)latest));
        }
        catch (EntityValidationException)
        {
            // Possible only after a forced or 'none' schema change: the row keeps the stored form, and its version says so.
            return (payload, recorded ?? 0);
        }
    }
}
