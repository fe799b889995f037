using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

/// <summary>
/// Per-write settings of <see cref="IEntityStore"/>. Everything is optional: provenance falls back to the client's
/// <see cref="IvrStorageClientOptions.Source"/> and to the current W3C trace id, the idempotency key to a new GUID.
/// </summary>
public sealed record EntityWriteOptions
{
    /// <summary>
    /// The version the entity must be at: <see cref="ExpectedVersion.Any"/> (the default), <see cref="ExpectedVersion.Exists"/>
    /// (any version of a live entity), <see cref="ExpectedVersion.NotExists"/> or <see cref="ExpectedVersion.Exactly"/>.
    /// The entity's grain checks it as it writes; when it does not hold the write fails with
    /// <see cref="ConcurrencyConflictException"/> and writes nothing.
    /// </summary>
    public ExpectedVersion Expected { get; init; } = ExpectedVersion.Any;

    /// <summary>Makes the write safe to repeat. When null the client adds a new GUID (unless that is switched off).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Overrides <see cref="IvrStorageClientOptions.Source"/> for this write.</summary>
    public string? Source { get; init; }

    /// <summary>Correlation id; when null, the trace id of <see cref="System.Diagnostics.Activity.Current"/>.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the message or command that caused the write.</summary>
    public string? CausationId { get; init; }

    /// <summary>The user or service account on whose behalf the write happens.</summary>
    public string? Actor { get; init; }

    /// <summary>Why the write happens, kept for audits.</summary>
    public string? Reason { get; init; }

    /// <summary>The payload's schema version.</summary>
    public int? SchemaVersion { get; init; }

    /// <summary>Free-form tags kept with the version.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The defaults: any version, fresh idempotency key, provenance from the client's options.</summary>
    public static EntityWriteOptions Default { get; } = new();
}
