using Ivr.Storage.Contracts;
using Ivr.Storage.Json;

namespace Ivr.Storage.Grains.Schemas;

/// <summary>
/// Shows stored payloads at their type's latest schema version, per silo: the latest version from the silo's
/// <see cref="SchemaCache"/>, the upcasters from <see cref="SchemaUpcastChain"/>. Used by upcast reads and by the
/// change feed's <see cref="ChangeFeedFilter.AtLatestSchema"/>; never changes what is stored.
/// </summary>
internal sealed class LatestSchemaView(SchemaCache schemas, SchemaUpcastChain upcasters)
{
    /// <summary>The latest schema version of <paramref name="type"/> this silo knows; null when the type has none.</summary>
    public async ValueTask<long?> LatestAsync(string type) => (await schemas.GetAsync(type))?.Version;

    /// <summary>
    /// <paramref name="payload"/> (version <paramref name="version"/> of <paramref name="key"/>, stored under schema
    /// version <paramref name="recorded"/>) upcast to <paramref name="latest"/>; null when it is already there.
    /// </summary>
    /// <exception cref="EntityValidationException">An upcaster cannot apply to the payload (code <see cref="ValidationErrorCode.InvalidOperation"/>).</exception>
    public async Task<string?> UpcastAsync(EntityKey key, long version, string payload, int? recorded, long latest)
    {
        var stored = SchemaUpcastChain.StoredVersion(recorded, latest);
        if (stored == latest)
        {
            return null;
        }

        var chain = await upcasters.BetweenAsync(key.Type, stored, latest);
        try
        {
            return SchemaUpcaster.Apply(payload, chain);
        }
        catch (JsonPayloadException error)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidOperation, "schema",
                $"Version {version} of '{key}' (stored under schema version {stored}) cannot be upcast to schema version {latest}: {error.Reason} The stored payload is unchanged; read it without schema=latest.");
        }
    }
}
