namespace Ivr.Storage.Contracts;

/// <summary>
/// Reads of one entity type as of its latest schema version (the grain key is the type). The stored payload is upcast
/// through the <c>upcast</c> JSON Patch of every schema version after the one it was stored under; history, hashes and
/// the stored bytes stay as written. Needs <c>entities:read:&lt;type&gt;</c>.
/// </summary>
/// <remarks>
/// Each method answers what the <see cref="IEntityGrain"/> method of the same name answers, with every payload
/// reshaped; a type without a schema, or a payload already at the latest version, is returned as stored.
/// </remarks>
[Alias("ivr.ISchemaUpcastGrain")]
public interface ISchemaUpcastGrain : IGrainWithStringKey
{
    /// <summary>
    /// The current state of entity <paramref name="id"/> with its payload upcast to the latest schema version, which
    /// <see cref="EntityState.SchemaVersion"/> then names; <see cref="EntityState.Hash"/> still covers the stored bytes.
    /// </summary>
    /// <exception cref="EntityNotFoundException">The entity does not exist.</exception>
    /// <exception cref="EntityValidationException">An upcaster cannot apply to the stored payload (code <see cref="ValidationErrorCode.InvalidOperation"/>).</exception>
    [Alias("GetCurrent")]
    Task<EntityState> GetCurrent(string id);

    /// <summary>One version, its payload upcast (<see cref="VersionRecord.ShownAtSchemaVersion"/> names the version shown).</summary>
    [Alias("GetVersion")]
    Task<VersionRecord> GetVersion(string id, long version);

    /// <summary>The version in effect at <paramref name="asOf"/>, its payload upcast.</summary>
    [Alias("GetAsOf")]
    Task<VersionRecord> GetAsOf(string id, DateTimeOffset asOf);

    /// <summary>One page of history; with payloads, each one upcast from the schema version it was stored under.</summary>
    [Alias("GetHistory")]
    Task<HistoryPage> GetHistory(string id, HistoryQuery query);

    /// <summary>The JSON Patch between two versions after both were upcast to the latest schema version.</summary>
    [Alias("Diff")]
    Task<DiffResult> Diff(string id, long fromVersion, long toVersion);
}
