using System.Diagnostics;
using System.Security.Claims;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Security;

namespace Ivr.Storage.Gateway.Http;

/// <summary>
/// Provenance and idempotency of a write, from its headers: <c>X-Source</c> (else the caller's name),
/// <c>X-Correlation-Id</c> (else the trace id of <c>traceparent</c>), <c>X-Causation-Id</c>, <c>X-Reason</c>,
/// <c>Idempotency-Key</c>. The actor is always the authenticated caller: a header cannot claim someone else.
/// </summary>
internal static class WriteHeaders
{
    public const string Source = "X-Source";
    public const string CorrelationId = "X-Correlation-Id";
    public const string CausationId = "X-Causation-Id";
    public const string Reason = "X-Reason";
    public const string IdempotencyKey = "Idempotency-Key";

    public static EntityWriteOptions Read(HttpRequest request, ClaimsPrincipal caller, ExpectedVersion expected)
    {
        var name = CallerIdentity.Name(caller);
        return new EntityWriteOptions
        {
            Expected = expected,
            IdempotencyKey = Header(request, IdempotencyKey),
            Source = Header(request, Source) ?? name,
            CorrelationId = RequestedCorrelationId(request),
            CausationId = Header(request, CausationId),
            Reason = Header(request, Reason),
            Actor = name,
        };
    }

    /// <summary><c>X-Correlation-Id</c>, else the trace id of the caller's <c>traceparent</c>; null when the caller sent neither.</summary>
    public static string? RequestedCorrelationId(HttpRequest request) =>
        Header(request, CorrelationId) ?? TraceIdOf(Header(request, "traceparent"));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name] is { Count: > 0 } values && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    /// <summary>
    /// The trace id of a W3C <c>traceparent</c>, parsed as ASP.NET Core parses it for the request's activity; null if
    /// malformed (an all-zero or upper-case id included).
    /// </summary>
    private static string? TraceIdOf(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState: null, out var context)
            ? context.TraceId.ToHexString()
            : null;
}
