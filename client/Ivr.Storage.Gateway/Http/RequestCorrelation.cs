using System.Diagnostics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// Puts each request's correlation id on its span (<c>ivr.correlation_id</c>) and in a logging scope
/// (<c>CorrelationId</c>, beside the trace and span ids the service defaults add), so a log line, a trace and a
/// journal row of one request can be joined. The id is the one a write stores: <c>X-Correlation-Id</c>, else the
/// trace id of <c>traceparent</c>, else this request's own trace id (what the client library falls back to).
/// </summary>
internal sealed class RequestCorrelation(RequestDelegate next, ILogger<RequestCorrelation> logger)
{
    public const string ScopeKey = "CorrelationId";

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = WriteHeaders.RequestedCorrelationId(context.Request) ?? Activity.Current?.TraceId.ToHexString();
        // An oversize id is refused by the write's validation; it must not reach spans and logs either.
        if (correlationId is null || correlationId.Length > Provenance.MaxFieldLength)
        {
            await next(context);
            return;
        }

        if (Activity.Current is { IsAllDataRequested: true } span)
        {
            span.SetTag(SpanTags.CorrelationId, correlationId);
        }

        using (logger.BeginScope(new KeyValuePair<string, object>[] { new(ScopeKey, correlationId) }))
        {
            await next(context);
        }
    }
}
