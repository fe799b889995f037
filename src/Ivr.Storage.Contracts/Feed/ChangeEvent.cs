namespace Ivr.Storage.Contracts;

/// <summary>
/// One committed version as the change feed carries it. Schema version 1; the attributes follow CloudEvents 1.0
/// (<see cref="Id"/>, <see cref="Source"/>, <see cref="Type"/>, <see cref="Subject"/>, <see cref="Time"/>) plus the
/// entity, version, feed position, provenance and hash. New fields are only ever added, with new ids.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr.ChangeEvent")]
public sealed record ChangeEvent
{
    /// <summary>Version of this event schema.</summary>
    public const int SchemaVersion = 1;

    /// <summary>CloudEvents <c>source</c> of every event.</summary>
    public const string EventSource = "urn:ivr:storage";

    /// <summary>CloudEvents <c>id</c>: <c>type/id@version</c>, unique and stable across redeliveries.</summary>
    public string Id => $"{Key}@{Version}";

    /// <summary>CloudEvents <c>source</c>.</summary>
    public string Source => EventSource;

    /// <summary>CloudEvents <c>type</c>, e.g. <c>ivr.storage.entity.put.v1</c>.</summary>
    public string Type => $"ivr.storage.entity.{Kind.ToString().ToLowerInvariant()}.v{SchemaVersion}";

    /// <summary>CloudEvents <c>subject</c>: the entity's <c>type/id</c>.</summary>
    public string Subject => Key.ToGrainKey();

    /// <summary>
    /// CloudEvents <c>dataschema</c>: the schema version the payload was stored under
    /// (<c>urn:ivr-storage:schema:&lt;type&gt;:&lt;version&gt;</c>), null when the version names none.
    /// </summary>
    public string? DataSchema => PayloadSchemaVersion is { } schemaVersion ? $"urn:ivr-storage:schema:{Key.Type}:{schemaVersion}" : null;

    /// <summary>CloudEvents <c>time</c>: the commit time.</summary>
    public DateTimeOffset Time => CommittedAt;

    /// <summary>The entity.</summary>
    [Id(0)] public required EntityKey Key { get; init; }

    /// <summary>The version committed.</summary>
    [Id(1)] public required long Version { get; init; }

    /// <summary>What produced it.</summary>
    [Id(2)] public required ChangeKind Kind { get; init; }

    /// <summary>Where it stands in the feed.</summary>
    [Id(3)] public required FeedPosition Position { get; init; }

    /// <summary>Commit time.</summary>
    [Id(4)] public required DateTimeOffset CommittedAt { get; init; }

    /// <summary>Who wrote it and why.</summary>
    [Id(5)] public required Provenance Provenance { get; init; }

    /// <summary>The version's chain hash, lower-case hex.</summary>
    [Id(6)] public required string Hash { get; init; }

    /// <summary>Canonical payload after the change; null for a delete.</summary>
    [Id(7)] public string? Payload { get; init; }

    /// <summary>The payload's schema version, if given.</summary>
    [Id(8)] public int? PayloadSchemaVersion { get; init; }

    /// <summary>
    /// Null when <see cref="Payload"/> is the stored bytes; with <see cref="ChangeFeedFilter.AtLatestSchema"/>, the schema
    /// version the payload was upcast to (<see cref="PayloadSchemaVersion"/> and <see cref="Hash"/> stay the stored ones).
    /// </summary>
    [Id(9)] public int? ShownAtSchemaVersion { get; init; }
}
