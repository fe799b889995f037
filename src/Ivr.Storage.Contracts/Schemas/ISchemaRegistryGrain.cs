namespace Ivr.Storage.Contracts;

/// <summary>
/// Registers the JSON Schema (draft 2020-12) of one entity type; the grain key is the type. A schema is stored as the
/// entity <see cref="EntityKey.ForSchema"/> (<c>_schema/&lt;type&gt;</c>) in the journal, so each schema version has
/// provenance, a hash chain, history, diff and a place in the change feed; read it through <see cref="IEntityGrain"/>
/// on that key. Registering needs the scope <c>schemas:admin:&lt;type&gt;</c>; reading, <c>entities:read:&lt;type&gt;</c>.
/// </summary>
[Alias("ivr.ISchemaRegistryGrain")]
public interface ISchemaRegistryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks <paramref name="definition"/> (<c>{"schema":{…},"compatibility":"backward"|"none"}</c>) and appends it as
    /// the type's next schema version. Refused with <see cref="EntityValidationException"/> (code
    /// <see cref="ValidationErrorCode.InvalidSchema"/>, with the pointer) when the schema is malformed, too large or too
    /// deep, refers to anything outside itself, or uses a construct this store does not evaluate safely.
    /// </summary>
    [Alias("Register")]
    Task<WriteResult> Register(string definition, WriteOptions options);

    /// <summary>
    /// As <see cref="Register(string, WriteOptions)"/>, through the compatibility gate: when the version being replaced
    /// declares <c>backward</c>, the current version of every entity of the type (up to a cap) and a sample of their
    /// history are upcast (the candidate's <c>upcast</c> included) and validated under the candidate; any failure, or a
    /// cap reached, refuses it with <see cref="SchemaIncompatibleException"/> unless <see cref="SchemaRegistrationOptions.Force"/>.
    /// With <see cref="SchemaRegistrationOptions.DryRun"/> it only reports. Same scope as registering.
    /// </summary>
    [Alias("RegisterChecked")]
    Task<SchemaRegistrationResult> Register(string definition, WriteOptions options, SchemaRegistrationOptions registration);
}
