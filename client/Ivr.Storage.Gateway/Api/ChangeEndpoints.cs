using Ivr.Storage.Security.Scopes;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Http;
using Ivr.Storage.Gateway.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// The change feed over HTTP: pages (<c>/changes</c>) and a Server-Sent Events stream (<c>/changes/stream</c>). A
/// change is shown only to callers who may read its entity type; positions still advance past hidden ones.
/// </summary>
internal static class ChangeEndpoints
{
    public static async Task<IResult> GetPageAsync(HttpContext context, IChangeFeed feed, [FromQuery] string? after, [FromQuery] string? limit, CancellationToken cancellationToken)
    {
        var from = QueryArguments.OptionalPosition(after, "after") ?? FeedPosition.Start;
        var page = await feed.ReadAsync(from, QueryArguments.OptionalInt(limit, "limit") ?? 100, cancellationToken);
        var visible = page.Changes.Where(change => Readable(context.User, change)).Select(ChangeEventResponse.From).ToArray();
        return TypedResults.Ok(new ChangePageResponse(visible, page.Next.ToString()));
    }

    public static async Task<IResult> StreamAsync(
        HttpContext context,
        IChangeFeed feed,
        IOptions<GatewayOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [FromQuery] string? after,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        CancellationToken cancellationToken)
    {
        // A reconnecting EventSource repeats the original URL and adds Last-Event-ID: the header wins.
        var start = QueryArguments.OptionalPosition(lastEventId, "Last-Event-ID")
            ?? QueryArguments.OptionalPosition(after, "after")
            ?? await feed.GetHorizonAsync(cancellationToken);
        var settings = options.Value;
        var events = EventsAsync(feed, start, context.User, settings, json.Value.SerializerOptions, cancellationToken);
        return TypedResults.ServerSentEvents(events);
    }

    private static async IAsyncEnumerable<SseItem<string>> EventsAsync(
        IChangeFeed feed,
        FeedPosition start,
        ClaimsPrincipal caller,
        GatewayOptions options,
        JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TimeSpan? reconnect = TimeSpan.FromSeconds(options.UnavailableRetryAfterSeconds);
        var changes = feed.FollowAsync(start, options.ChangeStreamPollInterval, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (changes)
        {
            while (await NextAsync(changes))
            {
                var change = changes.Current;
                if (!Readable(caller, change))
                {
                    continue;
                }

                // The event id is the feed position, so a reconnect's Last-Event-ID resumes right after this change.
                yield return new SseItem<string>(JsonSerializer.Serialize(ChangeEventResponse.From(change), json))
                {
                    EventId = change.Position.ToString(),
                    ReconnectionInterval = reconnect,
                };
                reconnect = null;
            }
        }
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<ChangeEvent> changes)
    {
        try
        {
            return await changes.MoveNextAsync();
        }
        catch (OperationCanceledException)
        {
            // The client went away: the normal end of a stream.
            return false;
        }
        catch (StoreUnavailableException)
        {
            // The response has started, so no problem body can follow: end the stream, the client resumes with Last-Event-ID.
            return false;
        }
    }

    private static bool Readable(ClaimsPrincipal caller, ChangeEvent change) =>
        EntityScopes.Allows(caller, EntityAccess.Read, change.Key.Type);
}
