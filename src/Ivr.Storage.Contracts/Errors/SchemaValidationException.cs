namespace Ivr.Storage.Contracts;

/// <summary>
/// A write was refused because its payload (after merging, for a patch) breaks the current schema of its type. Every
/// violation is listed, not only the first; nothing was written. Over HTTP: 422 with an <c>errors</c> array.
/// </summary>
[GenerateSerializer, Alias("ivr.SchemaValidationException")]
public sealed class SchemaValidationException : EntityStoreException
{
    public SchemaValidationException(EntityKey key, long schemaVersion, IReadOnlyList<SchemaViolation> violations)
        : base($"The payload of '{key}' breaks version {schemaVersion} of the schema of type '{key.Type}' in {violations.Count} place(s): "
            + string.Join("; ", violations.Take(5).Select(v => $"{(v.Pointer.Length == 0 ? "/" : v.Pointer)} ({v.Keyword}): {v.Message}"))
            + (violations.Count > 5 ? "; …" : "."))
    {
        Key = key;
        SchemaVersion = schemaVersion;
        Violations = violations;
    }

    /// <summary>The entity the write was for.</summary>
    [Id(0)] public EntityKey Key { get; private set; }

    /// <summary>The schema version the payload was checked against.</summary>
    [Id(1)] public long SchemaVersion { get; private set; }

    /// <summary>Every violation found.</summary>
    [Id(2)] public IReadOnlyList<SchemaViolation> Violations { get; private set; }
}
