namespace Ivr.Storage.Contracts;

/// <summary>
/// Names of the tags the gateway and the entity grain put on their spans, shared so that a trace backend query for
/// one correlation id or entity finds both sides.
/// </summary>
public static class SpanTags
{
    public const string CorrelationId = "ivr.correlation_id";
    public const string CausationId = "ivr.causation_id";
    public const string EntityType = "ivr.entity.type";
    public const string EntityId = "ivr.entity.id";

    /// <summary>The version a write produced or replayed.</summary>
    public const string EntityVersion = "ivr.entity.version";
    public const string IdempotentReplay = "ivr.idempotent_replay";
}
