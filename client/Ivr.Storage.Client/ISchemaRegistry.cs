using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// The JSON Schemas (draft 2020-12) of entity types. A schema is stored in the journal as the entity
/// <c>_schema/&lt;type&gt;</c>: each version has provenance, a hash chain and history. Once a type has a schema,
/// every put, patch (after merging) and revert of that type is checked against it before it is appended, and a
/// refusal lists every violation (<see cref="SchemaValidationException"/>).
/// </summary>
public interface ISchemaRegistry
{
    /// <summary>
    /// Registers the next schema version of <paramref name="type"/> from a definition
    /// <c>{"schema":{…},"compatibility":"backward"|"none"}</c>. Needs the scope <c>schemas:admin:&lt;type&gt;</c>.
    /// </summary>
    /// <exception cref="EntityValidationException">The type is invalid, or the schema is refused (code <see cref="ValidationErrorCode.InvalidSchema"/>, with the pointer).</exception>
    Task<WriteResult> RegisterSchemaAsync(string type, string definition, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The current schema definition of <paramref name="type"/>; its <see cref="EntityState.Version"/> is the schema version.</summary>
    /// <exception cref="EntityNotFoundException">The type has no schema.</exception>
    Task<EntityState> GetSchemaAsync(string type, CancellationToken cancellationToken = default);

    /// <summary>One page of the schema's versions, with provenance and hashes (and definitions with <see cref="HistoryQuery.IncludePayloads"/>).</summary>
    Task<HistoryPage> GetSchemaVersionsAsync(string type, HistoryQuery? query = null, CancellationToken cancellationToken = default);
}
