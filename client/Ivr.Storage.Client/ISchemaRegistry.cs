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
    /// <c>{"schema":{…},"compatibility":"backward"|"none","upcast":[…]}</c>. Needs the scope <c>schemas:admin:&lt;type&gt;</c>.
    /// When the version it replaces declares <c>backward</c>, the compatibility gate checks stored data first.
    /// </summary>
    /// <exception cref="EntityValidationException">The type is invalid, or the schema is refused (code <see cref="ValidationErrorCode.InvalidSchema"/>, with the pointer).</exception>
    /// <exception cref="SchemaIncompatibleException">Stored data of the type, upcast, breaks the new version (the failing entity ids are in its report).</exception>
    Task<WriteResult> RegisterSchemaAsync(string type, string definition, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="RegisterSchemaAsync(string, string, EntityWriteOptions?, CancellationToken)"/>, with the gate's
    /// options: <see cref="SchemaRegistrationOptions.DryRun"/> only reports (nothing is written, <see cref="SchemaRegistrationResult.Write"/>
    /// is null); <see cref="SchemaRegistrationOptions.Force"/> registers past a failed check, and the version records it
    /// (reason <c>forced …</c>, tag <c>schema.forced</c>). Both need <c>schemas:admin:&lt;type&gt;</c>.
    /// </summary>
    /// <exception cref="SchemaIncompatibleException">The check failed and neither force nor dry run was asked.</exception>
    Task<SchemaRegistrationResult> RegisterSchemaAsync(string type, string definition, SchemaRegistrationOptions registration, EntityWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current state of <paramref name="key"/> with its payload upcast to the type's latest schema version (which
    /// <see cref="EntityState.SchemaVersion"/> then names): each schema version's <c>upcast</c> after the one the payload
    /// was stored under is applied in turn. The stored bytes, history and <see cref="EntityState.Hash"/> are unchanged.
    /// Needs <c>entities:read:&lt;type&gt;</c>.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The entity does not exist.</exception>
    /// <exception cref="EntityDeletedException">The entity is deleted.</exception>
    /// <exception cref="EntityValidationException">An upcaster cannot apply to the stored payload (code <see cref="ValidationErrorCode.InvalidOperation"/>).</exception>
    Task<EntityState> GetAtLatestSchemaAsync(EntityKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="IEntityStore.GetVersionAsync"/>, with the payload upcast from the schema version it was stored under
    /// to the latest; <see cref="VersionRecord.ShownAtSchemaVersion"/> names the version shown (null for a type without a
    /// schema or a tombstone), while <see cref="VersionRecord.SchemaVersion"/> and the hashes stay the stored ones.
    /// </summary>
    /// <exception cref="EntityValidationException">An upcaster cannot apply to the stored payload (code <see cref="ValidationErrorCode.InvalidOperation"/>).</exception>
    Task<VersionRecord> GetVersionAtLatestSchemaAsync(EntityKey key, long version, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="IEntityStore.GetAsOfAsync"/>, with the payload upcast as <see cref="GetVersionAtLatestSchemaAsync"/> does.</summary>
    /// <exception cref="EntityDeletedException">The entity was deleted at that time.</exception>
    Task<VersionRecord> GetAsOfAtLatestSchemaAsync(EntityKey key, DateTimeOffset asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="IEntityStore.GetHistoryPageAsync"/>; with <see cref="HistoryQuery.IncludePayloads"/>, each payload
    /// is upcast from the schema version it was stored under (a page without payloads is the stored history).
    /// </summary>
    Task<HistoryPage> GetHistoryPageAtLatestSchemaAsync(EntityKey key, HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The JSON Patch between two versions after both were upcast to the latest schema version
    /// (<see cref="DiffResult.ShownAtSchemaVersion"/>): what changed in the shape readers use now, not in the stored shapes.
    /// </summary>
    Task<DiffResult> DiffAtLatestSchemaAsync(EntityKey key, long fromVersion, long toVersion, CancellationToken cancellationToken = default);

    /// <summary>The current schema definition of <paramref name="type"/>; its <see cref="EntityState.Version"/> is the schema version.</summary>
    /// <exception cref="EntityNotFoundException">The type has no schema.</exception>
    Task<EntityState> GetSchemaAsync(string type, CancellationToken cancellationToken = default);

    /// <summary>One page of the schema's versions, with provenance and hashes (and definitions with <see cref="HistoryQuery.IncludePayloads"/>).</summary>
    Task<HistoryPage> GetSchemaVersionsAsync(string type, HistoryQuery? query = null, CancellationToken cancellationToken = default);
}
