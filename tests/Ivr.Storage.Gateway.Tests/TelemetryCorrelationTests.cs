using System.Diagnostics;
using System.Net;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.ServiceDefaults.Telemetry;
using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// One request followed end to end: the gateway's span, the Orleans client and server spans of the grain call, the
/// journal's group-commit span and its Npgsql INSERT, all joined, with the correlation id on the spans and in the logs.
/// The spans are captured in this process (the test cluster's silos run here too) by an in-memory exporter added to
/// the gateway's own OpenTelemetry configuration.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TelemetryCorrelationTests(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    private static readonly TimeSpan SpanWait = TimeSpan.FromSeconds(10);
    private const string EntityIdPlaceholder = "{id}";

    [Fact]
    public async Task a_write_is_traced_from_the_gateway_through_the_grain_into_the_journal_insert_with_its_correlation_id()
    {
        var spans = new List<Activity>();
        await using var traced = Traced(spans);
        using var client = traced.CreateClient();
        var correlationId = "corr-" + NewId();
        var id = NewId();

        var response = await SendAsync(HttpMethod.Put, Url("traced", id), """{"step":1}""",
            headers: headers => headers.Add("X-Correlation-Id", correlationId), client: client);
        await JsonAsync(response, HttpStatusCode.Created);

        // The request's own span ends as the response completes, possibly just after the client has read it.
        var request = await WaitForSpanAsync(spans, span => span.Source.Name == "Microsoft.AspNetCore" && Tag(span, SpanTags.CorrelationId) == correlationId);
        var trace = request.TraceId;
        Assert.Equal("traced", Tag(request, SpanTags.EntityType));
        // Ids stay out of exported spans unless Telemetry:RecordEntityIds is set (EntityIdRedactionTests).
        Assert.Null(Tag(request, SpanTags.EntityId));

        var inTrace = Snapshot(spans).Where(span => span.TraceId == trace).ToList();
        var grainCalls = inTrace.Where(span => span.Source.Name == TelemetryNames.OrleansApplicationSource && span.DisplayName.Contains("IEntityGrain", StringComparison.Ordinal)).ToList();
        var call = Assert.Single(grainCalls, span => span.Kind == ActivityKind.Client);
        var served = Assert.Single(grainCalls, span => span.Kind == ActivityKind.Server);
        Assert.Equal(call.SpanId, served.ParentSpanId);
        Assert.Equal(correlationId, Tag(served, SpanTags.CorrelationId));
        Assert.Equal("traced", Tag(served, SpanTags.EntityType));
        Assert.Null(Tag(served, SpanTags.EntityId));
        Assert.Equal(1L, served.GetTagItem(SpanTags.EntityVersion));

        // The statement that committed the write: a child of the grain call when it carried this append alone, else
        // linked to it (one statement serves many requests). Other tests may write to this cluster at the same time.
        var batch = Assert.Single(Snapshot(spans), span => span.Source.Name == TelemetryNames.JournalSource
            && (span.ParentSpanId == served.SpanId || span.Links.Any(link => link.Context.SpanId == served.SpanId)));
        Assert.Equal(ActivityStatusCode.Unset, batch.Status);
        var insert = Assert.Single(Snapshot(spans), span => span.Source.Name == "Npgsql" && span.ParentSpanId == batch.SpanId);
        Assert.Contains(insert.TagObjects, tag => tag.Value is string text && text.Contains("INSERT INTO ivr.journal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task entity_ids_appear_in_no_exported_span_name_or_tag_by_default_not_even_of_a_failed_call()
    {
        var spans = new List<Activity>();
        await using var traced = Traced(spans);
        using var client = traced.CreateClient();
        var correlationId = "corr-" + NewId();
        var written = "written-" + NewId();
        var missing = "missing-" + NewId();
        void Correlate(System.Net.Http.Headers.HttpRequestHeaders headers) => headers.Add("X-Correlation-Id", correlationId);

        await JsonAsync(await SendAsync(HttpMethod.Put, Url("traced", written), """{"step":1}""", headers: Correlate, client: client), HttpStatusCode.Created);
        await ProblemAsync(await SendAsync(HttpMethod.Get, Url("traced", missing), headers: Correlate, client: client), HttpStatusCode.NotFound);

        // Both requests' spans and the failed grain call's spans have ended once the second request's span has.
        var notFound = await WaitForSpanAsync(spans, span => span.Source.Name == "Microsoft.AspNetCore" && Tag(span, SpanTags.CorrelationId) == correlationId
            && span.GetTagItem("http.response.status_code") is 404);
        Assert.Equal("/entities/traced/" + EntityIdPlaceholder, Tag(notFound, "url.path"));
        Assert.Equal("traced", Tag(notFound, SpanTags.EntityType));
        var failedCall = Assert.Single(Snapshot(spans), span => span.TraceId == notFound.TraceId && span.Kind == ActivityKind.Server
            && span.Source.Name == TelemetryNames.OrleansApplicationSource && span.Status == ActivityStatusCode.Error);
        Assert.Equal("entity/traced", Tag(failedCall, "orleans.rpc.target_id"));
        Assert.Equal($"Entity 'traced/{EntityIdPlaceholder}' does not exist.", Tag(failedCall, "exception.message"));

        foreach (var span in Snapshot(spans))
        {
            var texts = span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName).Append(span.StatusDescription ?? string.Empty)
                .Concat(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}")));
            foreach (var text in texts)
            {
                Assert.False(text.Contains(written, StringComparison.Ordinal) || text.Contains(missing, StringComparison.Ordinal),
                    $"{span.Source.Name} span '{span.DisplayName}' exports an entity id: {text}");
            }
        }
    }

    [Fact]
    public async Task log_lines_of_a_request_carry_its_correlation_id_and_trace_id()
    {
        await using var broken = Fixture.Factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddFakeLogging());
            builder.ConfigureTestServices(services => services.AddSingleton<IEntityStore, ExplodingStore>());
        });
        using var client = broken.CreateClient();
        var correlationId = "corr-" + NewId();

        var response = await SendAsync(HttpMethod.Get, Url("call-session", NewId()), client: client,
            headers: headers => headers.Add("X-Correlation-Id", correlationId));
        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError, "internal-error");

        var error = Assert.Single(broken.Services.GetFakeLogCollector().GetSnapshot(), entry => entry.Message.StartsWith("Unhandled exception", StringComparison.Ordinal));
        var scope = error.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(pairs => pairs)
            .GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value);
        Assert.Equal(correlationId, scope["CorrelationId"]);
        Assert.Equal(problem.GetProperty("traceId").GetString(), scope["TraceId"]?.ToString());
    }

    /// <summary>A gateway whose spans (and those of the in-process silos) also go to <paramref name="spans"/>.</summary>
    private WebApplicationFactory<Program> Traced(List<Activity> spans) =>
        Fixture.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));

    private static Task<Activity> WaitForSpanAsync(List<Activity> spans, Func<Activity, bool> match) =>
        Eventually.ValueAsync(
            () => Task.FromResult(Snapshot(spans).FirstOrDefault(match)),
            SpanWait,
            () => $"no matching span; captured: {string.Join("; ", Snapshot(spans).Select(span => $"{span.Source.Name}:{span.DisplayName}"))}",
            TimeSpan.FromMilliseconds(50));

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name) as string;
}
