using System.Net;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests;

/// <summary>Polls an HTTP endpoint of a silo process until it answers with a given status, bounded in time.</summary>
internal static class HttpProbe
{
    /// <summary>Returns the body of the first response with <paramref name="expected"/>; throws with the last answer seen on timeout.</summary>
    public static Task<string> WaitForStatusAsync(HttpClient http, string url, HttpStatusCode expected, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var last = "no answer yet";
        return Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    using var response = await http.GetAsync(url);
                    var body = await response.Content.ReadAsStringAsync();
                    last = $"{(int)response.StatusCode} {body}";
                    return response.StatusCode == expected ? body : null;
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                }
                catch (TaskCanceledException ex)
                {
                    last = "timed out: " + ex.Message;
                }

                return null;
            },
            timeout,
            () => $"{url} did not answer {(int)expected}; last answer: {last}\n{diagnostics?.Invoke()}",
            TimeSpan.FromMilliseconds(250));
    }
}
