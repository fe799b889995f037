namespace Ivr.Storage.Contracts;

/// <summary>
/// Reads of one entity type as of its latest schema version (the grain key is the type). The stored payload is upcast
/// through the <c>upcast</c> JSON Patch of every schema version after the one it was stored under; history, hashes and
/// the stored bytes stay as written. Needs <c>entities:read:&lt;type&gt;</c>.
/// </summary>
[Alias("ivr.ISchemaUpcastGrain")]
public interface ISchemaUpcastGrain : IGrainWithStringKey
{
    /// <summary>
    /// The current state of entity <paramref name="id"/> with its payload upcast to the latest schema version, which
    /// <see cref="EntityState.SchemaVersion"/> then names; <see cref="EntityState.Hash"/> still covers the stored bytes.
    /// A type without a schema, or a payload already at the latest version, is returned as stored.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The entity does not exist.</exception>
    /// <exception cref="EntityValidationException">An upcaster cannot apply to the stored payload (code <see cref="ValidationErrorCode.InvalidOperation"/>).</exception>
    [Alias("GetCurrent")]
    Task<EntityState> GetCurrent(string id);
}
