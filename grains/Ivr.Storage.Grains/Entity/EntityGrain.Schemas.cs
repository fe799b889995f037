using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

internal sealed partial class EntityGrain
{
    /// <summary>
    /// Checks the payload a write would append against its type's current schema (from the silo's cache, never the
    /// database) and returns the schema version to record with it. Without a schema the caller's label is kept, or
    /// the write is refused when the silo requires schemas. Schemas themselves (<c>_schema/T</c>) are checked by the registry.
    /// </summary>
    private async Task<int?> CheckSchemaAsync(string payload, int? label)
    {
        if (_key.IsSchema)
        {
            return label;
        }

        var schema = await schemas.GetAsync(_key.Type);
        if (schema is null)
        {
            return _options.RequireSchema
                ? throw new EntityValidationException(ValidationErrorCode.SchemaRequired, "type",
                    $"Entity type '{_key.Type}' has no schema, and this store requires one for every type (EntityStore:RequireSchema). Register it with PUT /schemas/{_key.Type}.")
                : label;
        }

        var violations = schema.Validate(payload);
        if (violations.Count > 0)
        {
            throw new SchemaValidationException(_key, schema.Version, violations);
        }

        return checked((int)schema.Version);
    }
}
