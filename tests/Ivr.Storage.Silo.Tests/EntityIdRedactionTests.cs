using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.ServiceDefaults.Telemetry;

namespace Ivr.Storage.Silo.Tests;

/// <summary>
/// The span processor every host registers: by default it takes entity ids out of a span as it ends (our tag, Orleans'
/// grain ids, the URL path, exception texts) and keeps the type; with <c>Telemetry:RecordEntityIds</c> it leaves them.
/// The end-to-end checks are in TelemetryTests (silo) and TelemetryCorrelationTests (gateway).
/// </summary>
public sealed class EntityIdRedactionTests
{
    private const string Id = "+5511999990000";

    [Fact]
    public void by_default_every_place_an_id_is_put_is_redacted_and_the_type_kept()
    {
        using var span = EndedSpan(new EntityIdRedactionProcessor(recordEntityIds: false));

        Assert.Null(span.GetTagItem(SpanTags.EntityId));
        Assert.Equal("call-session", span.GetTagItem(SpanTags.EntityType));
        Assert.Equal("entity/call-session", span.GetTagItem("orleans.rpc.target_id"));
        Assert.Equal("entity/call-session", span.GetTagItem("orleans.rpc.source_id"));
        Assert.Equal("sys.client/abc", span.GetTagItem("orleans.grain.id"));
        Assert.Equal("/entities/call-session/{id}/versions/3", span.GetTagItem("url.path"));
        Assert.Equal("Entity 'call-session/{id}' does not exist.", span.GetTagItem("exception.message"));
        Assert.Equal("failed for {id}", span.StatusDescription);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(Id, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void with_record_entity_ids_the_span_is_left_as_it_is()
    {
        using var span = EndedSpan(new EntityIdRedactionProcessor(recordEntityIds: true));

        Assert.Equal(Id, span.GetTagItem(SpanTags.EntityId));
        Assert.Equal("entity/call-session/" + Id, span.GetTagItem("orleans.rpc.target_id"));
        Assert.Equal($"/entities/call-session/{Uri.EscapeDataString(Id)}/versions/3", span.GetTagItem("url.path"));
    }

    private static Activity EndedSpan(EntityIdRedactionProcessor processor)
    {
        var span = new Activity("IEntityGrain/GetVersion").Start();
        span.SetTag(SpanTags.EntityType, "call-session");
        span.SetTag(SpanTags.EntityId, Id);
        span.SetTag("orleans.rpc.target_id", "entity/call-session/" + Id);
        span.SetTag("orleans.rpc.source_id", "entity/call-session/" + Id);
        span.SetTag("orleans.grain.id", "sys.client/abc");
        span.SetTag("url.path", $"/entities/call-session/{Uri.EscapeDataString(Id)}/versions/3");
        span.SetTag("exception.message", $"Entity 'call-session/{Id}' does not exist.");
        span.SetStatus(ActivityStatusCode.Error, $"failed for {Id}");
        span.Stop();
        processor.OnEnd(span);
        processor.Dispose();
        return span;
    }
}
