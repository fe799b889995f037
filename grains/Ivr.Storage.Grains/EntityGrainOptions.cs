namespace Ivr.Storage.Grains;

/// <summary>Limits and behaviour of entity grains (configuration section <c>EntityStore</c>).</summary>
public sealed class EntityGrainOptions
{
    /// <summary>
    /// Configuration section name. It keeps its name from before this type was renamed (it was <c>EntityStoreOptions</c>),
    /// so that deployed configuration (<c>EntityStore__MaxPayloadBytes</c>, ...) goes on working.
    /// </summary>
    public const string SectionName = "EntityStore";

    /// <summary>Largest accepted payload, in UTF-8 bytes of its canonical form. The default value is 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Deepest accepted JSON nesting. The default value is 64.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>
    /// Idempotency keys an activation remembers, so a retry is answered without a database round trip.
    /// Older keys are still honoured through the journal's unique index. The default value is 32.
    /// </summary>
    public int RecentIdempotencyKeys { get; set; } = 32;

    /// <summary>
    /// Whether each committed version is also published on the Orleans stream of its entity type (provider
    /// <c>ivr-changes</c>), after the commit and without delaying the acknowledgement. The default value is true.
    /// </summary>
    public bool PublishChanges { get; set; } = true;

    /// <summary>
    /// Most bytes of committed versions a silo holds waiting for their change stream (payloads and ids as .NET strings,
    /// plus a fixed allowance each). Beyond it, and beyond 65,536 versions, newer versions are not published live and are
    /// counted in <c>ivr.entity.changes.dropped</c>; subscribers catch them up from the change feed, the source of truth.
    /// The default value is 64 MiB.
    /// </summary>
    public long PublishQueueBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Whether a write to a type without a registered schema is refused (<c>SchemaRequired</c>). The default value is
    /// false: types without a schema stay free-form.
    /// </summary>
    public bool RequireSchema { get; set; }

    /// <summary>
    /// How long a silo uses a type's compiled schema before its next write asks the schema's grain whether a newer
    /// version committed (a schema registered through the same silo applies at once). The default value is 2 seconds.
    /// </summary>
    public TimeSpan SchemaRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most entities whose current version the schema compatibility gate checks before a new schema version is
    /// registered; a type with more is refused as not fully checked (raise this, or force). The default value is 100,000.
    /// </summary>
    public int SchemaCheckMaxEntities { get; set; } = 100_000;

    /// <summary>How many older versions, drawn at random, the compatibility gate checks besides current ones. The default value is 200.</summary>
    public int SchemaCheckHistorySample { get; set; } = 200;

    /// <summary>How many failing versions a compatibility report lists (it counts them all). The default value is 100.</summary>
    public int SchemaCheckMaxReportedFailures { get; set; } = 100;
}
