using System.Net.Http.Headers;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>A <see cref="WriteLoad"/>'s writes and reads through the HTTP gateway, as README's "Try it" makes them.</summary>
internal static class GatewayWrites
{
    /// <summary>The development API key (client/Ivr.Storage.Gateway/appsettings.Development.json).</summary>
    public const string DevelopmentApiKey = "dev-only-ivr-storage-key";

    /// <summary>
    /// PUT with the write's Idempotency-Key and a precondition on the version its writer saw last (If-None-Match: * for
    /// a new entity); anything but 200/201 is a failed request.
    /// </summary>
    public static Func<EntityWrite, Task<long>> Put(HttpClient http, string entityType) => async write =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Route(entityType, write.EntityId))
        {
            Content = new StringContent(write.Payload, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", DevelopmentApiKey);
        request.Headers.Add("Idempotency-Key", write.IdempotencyKey);
        if (write.PreviousVersion == 0)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        }
        else
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{write.PreviousVersion}\""));
        }

        using var response = await http.SendAsync(request);
        return await VersionOfAsync(response, $"PUT {write.EntityId} #{write.Sequence}");
    };

    public static Func<string, Task<(long Version, string Payload)>> Get(HttpClient http, string entityType) => async entityId =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(entityType, entityId));
        request.Headers.Add("X-Api-Key", DevelopmentApiKey);
        using var response = await http.SendAsync(request);
        var version = await VersionOfAsync(response, $"GET {entityId}");
        return (version, await response.Content.ReadAsStringAsync());
    };

    private static string Route(string entityType, string entityId) => $"/entities/{Uri.EscapeDataString(entityType)}/{Uri.EscapeDataString(entityId)}";

    private static async Task<long> VersionOfAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode || response.Headers.ETag is not { } etag)
        {
            throw new HttpRequestException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
        }

        return long.Parse(etag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }
}
