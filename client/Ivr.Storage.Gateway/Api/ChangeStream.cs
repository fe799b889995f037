using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;
using Ivr.Storage.Gateway.Security;
using Ivr.Storage.Security.Scopes;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Api;

/// <summary>
/// One open <c>/changes/stream</c>: pages of the feed as Server-Sent Events, then live ones. It ends by itself after
/// <see cref="HttpGatewayOptions.ChangeStreamMaxLifetime"/>, at its JWT's <c>exp</c>, or at the first check
/// (<see cref="HttpGatewayOptions.ChangeStreamCredentialCheckInterval"/>) that finds its API key gone or changed; the client
/// reconnects with <c>Last-Event-ID</c> and is authenticated afresh. Each change event's id is its feed position; when
/// the stream has caught up past changes the caller does not see, a <c>progress</c> event (no change, id = the position
/// reached) moves <c>Last-Event-ID</c> past them, so a reconnect does not make the database examine them again.
/// </summary>
internal sealed partial class ChangeStream(
    IChangeFeed feed,
    ChangeFeedFilter filter,
    ClaimsPrincipal caller,
    StreamCredential credential,
    HttpGatewayOptions options,
    JsonSerializerOptions json,
    TimeProvider time,
    IOptionsMonitor<ApiKeyAuthenticationOptions> apiKeys,
    ILogger<ChangeStream> logger)
{
    public const string ProgressEventType = "progress";

    public static bool Readable(ClaimsPrincipal caller, ChangeEvent change) =>
        EntityScopes.Allows(caller, EntityAccess.Read, change.Key.Type);

    public async IAsyncEnumerable<SseItem<string>> EventsAsync(FeedPosition start, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        var opened = time.GetUtcNow();
        var end = opened + options.ChangeStreamMaxLifetime;
        var endsWithCredential = credential.ExpiresAt < end;
        var lifetime = (endsWithCredential ? credential.ExpiresAt!.Value : end) - opened;
        using var deadline = new CancellationTokenSource(lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, deadline.Token);
        var cancellation = linked.Token;
        TimeSpan? reconnect = TimeSpan.FromSeconds(options.UnavailableRetryAfterSeconds);
        var position = start;
        var announced = start;
        var nextCheck = opened + options.ChangeStreamCredentialCheckInterval;
        while (await ReadAsync(position, cancellation) is { } page)
        {
            foreach (var change in page.Changes.Where(change => Readable(caller, change)))
            {
                // The event id is the feed position, so a reconnect's Last-Event-ID resumes right after this change.
                yield return new SseItem<string>(JsonSerializer.Serialize(ChangeEventResponse.From(change), json))
                {
                    EventId = change.Position.ToString(),
                    ReconnectionInterval = reconnect,
                };
                reconnect = null;
                announced = change.Position;
            }

            position = page.Next;
            if (!page.HasMore)
            {
                if (position > announced)
                {
                    yield return new SseItem<string>(JsonSerializer.Serialize(new { position = position.ToString() }, json), ProgressEventType)
                    {
                        EventId = position.ToString(),
                        ReconnectionInterval = reconnect,
                    };
                    reconnect = null;
                    announced = position;
                }

                if (!await DelayAsync(cancellation))
                {
                    break;
                }
            }

            if (time.GetUtcNow() >= nextCheck)
            {
                if (!credential.IsStillConfigured(apiKeys.Get(ApiKeyAuthenticationHandler.SchemeName).Keys))
                {
                    LogEnded(logger, CallerIdentity.Name(caller), "its API key is no longer configured as it was");
                    yield break;
                }

                nextCheck = time.GetUtcNow() + options.ChangeStreamCredentialCheckInterval;
            }
        }

        if (deadline.IsCancellationRequested && !requestAborted.IsCancellationRequested)
        {
            LogEnded(logger, CallerIdentity.Name(caller), endsWithCredential ? "its token expired" : "it reached its maximum lifetime");
        }
    }

    /// <summary>The next page, or null when the stream must end.</summary>
    private async Task<ChangePage?> ReadAsync(FeedPosition position, CancellationToken cancellation)
    {
        try
        {
            return await feed.ReadAsync(position, IChangeFeedGrain.MaxPageSize, filter, cancellation);
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the stream's time is up.
            return null;
        }
        catch (StoreUnavailableException)
        {
            // The response has started, so no problem body can follow: end the stream, the client resumes with Last-Event-ID.
            return null;
        }
    }

    private async Task<bool> DelayAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(options.ChangeStreamPollInterval, time, cancellation);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change stream of {Caller} ended because {Reason}; the client resumes with Last-Event-ID")]
    private static partial void LogEnded(ILogger logger, string? caller, string reason);
}
