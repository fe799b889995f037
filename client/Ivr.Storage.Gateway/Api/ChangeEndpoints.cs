using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Errors;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The change feed over HTTP: pages (<c>/changes</c>) and a Server-Sent Events stream (<c>/changes/stream</c>). Only
/// changes of types the caller may read are fetched (filtered in the database); positions still advance past the others.
/// </summary>
internal static class ChangeEndpoints
{
    public static async Task<IResult> GetPageAsync(
        HttpContext context,
        IChangeFeed feed,
        [FromQuery] string? after,
        [FromQuery] string? limit,
        [FromQuery] string? types,
        [FromQuery] string? payloads,
        [FromQuery] string? schema,
        CancellationToken cancellationToken)
    {
        var from = QueryArguments.OptionalPosition(after, "after") ?? FeedPosition.Start;
        var size = QueryArguments.OptionalInt(limit, "limit") ?? 100;
        var filter = ChangeFilters.For(context.User, types, payloads, schema);
        var page = await feed.ReadAsync(from, size, filter, cancellationToken);
        // The database filtered by the caller's scopes already; checking again costs nothing and keeps a mistake there from leaking.
        var visible = page.Changes.Where(change => ChangeStream.Readable(context.User, change)).Select(ChangeEventResponse.From).ToArray();
        return TypedResults.Ok(new ChangePageResponse(visible, page.Next.ToString(), page.HasMore));
    }

    public static async Task<IResult> StreamAsync(
        HttpContext context,
        IChangeFeed feed,
        ChangeStreamLimiter limiter,
        IOptions<HttpGatewayOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [FromQuery] string? after,
        [FromQuery] string? types,
        [FromQuery] string? payloads,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        CancellationToken cancellationToken)
    {
        // A reconnecting EventSource repeats the original URL and adds Last-Event-ID: the header wins.
        var resumeAfter = QueryArguments.OptionalPosition(lastEventId, "Last-Event-ID") ?? QueryArguments.OptionalPosition(after, "after");
        var filter = ChangeFilters.For(context.User, types, payloads);
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var credential = StreamCredential.Of(context);
        if (credential.ExpiresAt <= time.GetUtcNow())
        {
            // Accepted within the token handler's clock skew, but a stream would end at once and its client reconnect in a loop.
            throw new GatewayProblemException(StatusCodes.Status401Unauthorized, "credential-expired", "The credential has expired",
                "The token's exp has passed; obtain a new token before opening a change stream.");
        }

        var settings = options.Value;
        var caller = CallerIdentity.Name(context.User) ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var permit = limiter.TryAcquire(caller);
        if (!permit.IsAcquired)
        {
            permit.Dispose();
            context.Response.Headers.RetryAfter = settings.UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var problem = EntityProblems.Problem(StatusCodes.Status429TooManyRequests, "too-many-streams", "Too many open change streams",
                $"This caller already has {settings.MaxChangeStreamsPerCaller} change streams open; close one (or wait for one to end) before opening another.");
            problem.Extensions["maxStreams"] = settings.MaxChangeStreamsPerCaller;
            // Set here: an EventSource accepts only text/event-stream, so the problem-details service (which adds it) declines to write.
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
            return TypedResults.Problem(problem);
        }

        // Held until the response ends, however it ends (client gone, stream ended, an error before the first event).
        context.Response.RegisterForDispose(permit);
        var start = resumeAfter ?? await feed.GetHorizonAsync(cancellationToken);
        var stream = new ChangeStream(feed, filter, context.User, credential, settings, json.Value.SerializerOptions, time,
            context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyAuthenticationOptions>>(),
            context.RequestServices.GetRequiredService<ILogger<ChangeStream>>());
        return TypedResults.ServerSentEvents(stream.EventsAsync(start, cancellationToken));
    }
}
