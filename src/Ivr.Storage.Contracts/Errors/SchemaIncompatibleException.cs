namespace Ivr.Storage.Contracts;

/// <summary>
/// A schema version was refused by the compatibility gate: stored data of its type (after upcasting) breaks it, or the
/// type has more entities than the check may visit. Nothing was registered. The report lists the failing entity ids
/// with their violations; an operator may register anyway with <see cref="SchemaRegistrationOptions.Force"/> (audited).
/// Over HTTP: 409 <c>schema-incompatible</c> with <c>failures</c>.
/// </summary>
[GenerateSerializer, Alias("ivr.SchemaIncompatibleException")]
public sealed class SchemaIncompatibleException : EntityStoreException
{
    public SchemaIncompatibleException(string type, SchemaCompatibilityReport report)
        : base($"Version {report.CandidateVersion} of the schema of type '{type}' is refused by the compatibility gate ({report.Mode}): {report.Summary}")
    {
        Type = type;
        Report = report;
    }

    /// <summary>The entity type whose schema was refused.</summary>
    [Id(0)] public string Type { get; private set; }

    /// <summary>What the dry run found.</summary>
    [Id(1)] public SchemaCompatibilityReport Report { get; private set; }
}
