namespace Ivr.Storage.Contracts;

/// <summary>How a schema registration treats the compatibility gate.</summary>
[GenerateSerializer, Immutable, Alias("ivr.SchemaRegistrationOptions")]
public sealed record SchemaRegistrationOptions
{
    /// <summary>The default: check, and register only when the check passes.</summary>
    public static SchemaRegistrationOptions Checked { get; } = new();

    /// <summary>
    /// Register even when the check finds stored data the new version refuses. The version records it: its reason
    /// starts with <c>forced</c> and it carries the tag <c>schema.forced=true</c>, so the schema's history shows it.
    /// </summary>
    [Id(0)] public bool Force { get; init; }

    /// <summary>Run the check and report, without registering anything.</summary>
    [Id(1)] public bool DryRun { get; init; }
}
