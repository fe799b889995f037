using Ivr.Storage.Gateway.Http;
using Microsoft.AspNetCore.Http;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// The correlation id a request asks for: its <c>X-Correlation-Id</c>, else the trace id of a well-formed W3C
/// <c>traceparent</c>; a malformed one asks for nothing (the gateway then uses its own trace). Well-formed means what
/// <see cref="System.Diagnostics.ActivityContext.TryParse(string, string, out System.Diagnostics.ActivityContext)"/> accepts, as for the request's activity, so the two agree.
/// </summary>
public sealed class TraceparentCorrelationTests
{
    [Fact]
    public void RequestedCorrelationId_WellFormedTraceparent_IsItsTraceId()
    {
        var request = Request(("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", WriteHeaders.RequestedCorrelationId(request));
    }

    [Fact]
    public void RequestedCorrelationId_CorrelationIdHeader_WinsOverTraceparent()
    {
        var request = Request(("X-Correlation-Id", "call-123"), ("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));

        Assert.Equal("call-123", WriteHeaders.RequestedCorrelationId(request));
    }

    [Theory]
    [InlineData("00-zzzz-invalid")]
    [InlineData("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")]
    [InlineData("00-00000000000000000000000000000000-00f067aa0ba902b7-01")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01")]
    public void RequestedCorrelationId_MalformedTraceparent_IsNull(string traceParent)
    {
        Assert.Null(WriteHeaders.RequestedCorrelationId(Request(("traceparent", traceParent))));
    }

    [Fact]
    public void RequestedCorrelationId_NoHeaders_IsNull()
    {
        Assert.Null(WriteHeaders.RequestedCorrelationId(Request()));
    }

    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
