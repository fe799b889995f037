using System.Diagnostics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Grains.Entity;

/// <summary>
/// Tags on the span of the grain call being served (Orleans' server span, current while the grain runs when the silo
/// propagates activities): which entity, which correlation id, which version came of it. Lets a trace backend find
/// every request of one correlation id or entity. Payloads are never tagged.
/// </summary>
internal static class EntitySpan
{
    public static void Write(EntityKey key, WriteOptions options)
    {
        if (Recorded() is not { } span)
        {
            return;
        }

        span.SetTag(SpanTags.EntityType, key.Type);
        span.SetTag(SpanTags.EntityId, key.Id);
        span.SetTag(SpanTags.CorrelationId, options.Provenance.CorrelationId);
        span.SetTag(SpanTags.CausationId, options.Provenance.CausationId);
    }

    public static void Answered(WriteResult result)
    {
        if (Recorded() is { } span)
        {
            span.SetTag(SpanTags.EntityVersion, result.Version);
            span.SetTag(SpanTags.IdempotentReplay, result.IdempotentReplay);
        }
    }

    private static Activity? Recorded() => Activity.Current is { IsAllDataRequested: true } span ? span : null;
}
