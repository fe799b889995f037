using System.Globalization;
using System.Net;
using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// History pages (<c>GET /entities/{type}/{id}/versions</c>) and change-feed pages (<c>GET /changes</c>) over HTTP.
/// A 200 whose body does not read as the gateway's documented shape counts as a failed read, like a 5xx: the
/// reader backs off and the scenario's notes show the error.
/// </summary>
public sealed partial class GatewayEntityCalls
{
    public async Task<HistoryAnswer> ReadHistoryAsync(EntityKey key, bool newestFirst, int pageSize)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"/versions?limit={pageSize}&order={(newestFirst ? "desc" : "asc")}");
        using var message = new HttpRequestMessage(HttpMethod.Get, PathOf(key) + query);
        return await SendAsync(message, (status, _, body) => status switch
        {
            HttpStatusCode.OK => HistoryPage(key, newestFirst, body),
            HttpStatusCode.NotFound => new HistoryAnswer(null, null),
            _ => new HistoryAnswer(null, $"HTTP {(int)status}: {Shorten(body)}"),
        }, (_, error) => new HistoryAnswer(null, error));
    }

    public async Task<FeedPageAnswer> ReadChangesAsync(FeedPosition after, int limit)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"changes?after={after}&limit={limit}"));
        return await SendAsync(message, (status, _, body) => status == HttpStatusCode.OK
            ? ChangePage(after, body)
            : new FeedPageAnswer(null, after, $"HTTP {(int)status}: {Shorten(body)}"),
            (_, error) => new FeedPageAnswer(null, after, error));
    }

    /// <summary>Each item's entity, version, deleted flag and hash (payloads were not asked for: the hash covers them).</summary>
    private static HistoryAnswer HistoryPage(EntityKey key, bool newestFirst, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var versions = document.RootElement.GetProperty("items").EnumerateArray().Select(item => new ReadObservation(
                EntityKey.Create(item.GetProperty("type").GetString(), item.GetProperty("id").GetString()),
                item.GetProperty("version").GetInt64(),
                item.GetProperty("hash").GetString(),
                item.GetProperty("deleted").GetBoolean())).ToList();
            return new HistoryAnswer(new HistoryPageObservation(Transport.Http, key, newestFirst, versions), null);
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            return new HistoryAnswer(null, $"HTTP 200 with an unreadable history page ({ex.Message}): {Shorten(body)}");
        }
    }

    /// <summary>The CloudEvents' <c>data</c>: entity, version, position and hash of every change, and <c>next</c>.</summary>
    private static FeedPageAnswer ChangePage(FeedPosition after, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var changes = document.RootElement.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("data")).Select(data => new FeedObservation(
                Transport.Http,
                EntityKey.Create(data.GetProperty("entityType").GetString(), data.GetProperty("entityId").GetString()),
                data.GetProperty("version").GetInt64(),
                FeedPosition.Parse(data.GetProperty("position").GetString()),
                data.GetProperty("hash").GetString() ?? "")).ToList();
            return new FeedPageAnswer(changes, FeedPosition.Parse(document.RootElement.GetProperty("next").GetString()), null);
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            return new FeedPageAnswer(null, after, $"HTTP 200 with an unreadable change page ({ex.Message}): {Shorten(body)}");
        }
    }

    private static bool Unreadable(Exception ex) =>
        ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or EntityValidationException;
}
