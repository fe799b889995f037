using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// Writes and reads through the HTTP gateway, as an HTTP caller would: <c>PUT</c>/<c>DELETE /entities/{type}/{id}</c>
/// with <c>Idempotency-Key</c> and, for an exact expected version, <c>If-Match: "n"</c>; <c>GET</c> reads the
/// payload with its version as ETag. <paramref name="http"/> carries the base address and the API key.
/// </summary>
public sealed partial class GatewayEntityCalls(HttpClient http, string scenario) : IEntityCalls
{
    private readonly ConcurrentDictionary<int, int> _statuses = new();

    /// <summary>
    /// How often each status code answered a request (reads included), for reports: a 500 is counted as an unknown
    /// outcome like a 503, but it means the gateway met an error it does not map, which deserves a look.
    /// </summary>
    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public async Task<WriteAnswer> WriteAsync(WriteRequest request)
    {
        using var message = new HttpRequestMessage(request.Kind == WriteKind.Delete ? HttpMethod.Delete : HttpMethod.Put, PathOf(request.Key));
        message.Headers.Add("Idempotency-Key", request.RequestId);
        message.Headers.Add("X-Source", WriteRequest.Source);
        message.Headers.Add("X-Correlation-Id", scenario);
        if (!request.Expected.IsAny)
        {
            message.Headers.IfMatch.Add(new EntityTagHeaderValue(Tag(request.Expected.Value)));
        }

        if (request.Kind == WriteKind.Put)
        {
            message.Content = new StringContent(request.Payload!, Encoding.UTF8, "application/json");
        }

        return await SendAsync(message, (status, response, body) =>
        {
            var outcome = HttpOutcomes.Classify((int)status, request.Kind);
            return outcome == WriteOutcome.Acknowledged
                ? Acknowledgement(request, response, body)
                : WriteAnswer.Failed(outcome, $"HTTP {(int)status}: {Shorten(body)}");
        }, (outcome, error) => WriteAnswer.Failed(outcome, error));
    }

    public async Task<ReadAnswer> ReadAsync(EntityKey key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, PathOf(key));
        return await SendAsync(message, (status, response, body) => status switch
        {
            HttpStatusCode.OK when VersionOf(response) is { } version => ReadAnswer.Found(new ReadObservation(key, version, Hash: null, Deleted: false, Payload: body)),
            // A tombstone: the problem names the version that deleted it.
            HttpStatusCode.Gone when Extension(body, "deletedVersion") is { } deleted => ReadAnswer.Found(new ReadObservation(key, deleted, Hash: null, Deleted: true)),
            HttpStatusCode.NotFound => ReadAnswer.NotFound,
            _ => ReadAnswer.Failed($"HTTP {(int)status}: {Shorten(body)}"),
        }, (_, error) => ReadAnswer.Failed(error));
    }

    /// <summary>Sends; answers from the response, or from the transport failure (no response: the outcome is unknown).</summary>
    private async Task<T> SendAsync<T>(HttpRequestMessage message, Func<HttpStatusCode, HttpResponseMessage, string, T> answer, Func<WriteOutcome, string, T> failed)
    {
        try
        {
            using var response = await http.SendAsync(message);
            _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            var body = await response.Content.ReadAsStringAsync();
            return answer(response.StatusCode, response, body);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            return failed(WriteOutcome.Timeout, $"no HTTP answer within {http.Timeout.TotalSeconds:F0} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Connection refused or cut (the gateway restarting, or gone): nothing is known about the write.
            return failed(WriteOutcome.Error, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A 200/201 must name the version as ETag and in the body, with the hash and the right deleted flag.</summary>
    private static WriteAnswer Acknowledgement(WriteRequest request, HttpResponseMessage response, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt64();
            var hash = root.GetProperty("hash").GetString();
            var deleted = root.GetProperty("deleted").GetBoolean();
            if (VersionOf(response) != version || hash is null || deleted != (request.Kind == WriteKind.Delete))
            {
                return WriteAnswer.Failed(WriteOutcome.Unexpected, $"HTTP {(int)response.StatusCode} with ETag {response.Headers.ETag} does not match its body: {Shorten(body)}");
            }

            return WriteAnswer.Acknowledged(version, hash);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return WriteAnswer.Failed(WriteOutcome.Unexpected, $"HTTP {(int)response.StatusCode} with an unreadable body ({ex.Message}): {Shorten(body)}");
        }
    }

    private static long? VersionOf(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false, Tag: { Length: > 2 } tag }
        && long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : null;

    private static long? Extension(string problem, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string PathOf(EntityKey key) => $"entities/{Uri.EscapeDataString(key.Type)}/{Uri.EscapeDataString(key.Id)}";

    private static string Tag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
