using System.Diagnostics;
using System.Net;

namespace Ivr.Storage.Silo.Tests;

/// <summary>Polls an HTTP endpoint of a silo process until it answers with a given status, bounded in time.</summary>
internal static class HttpProbe
{
    /// <summary>Returns the body of the first response with <paramref name="expected"/>; throws with the last answer seen on timeout.</summary>
    public static async Task<string> WaitForStatusAsync(HttpClient http, string url, HttpStatusCode expected, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == expected)
                {
                    return body;
                }

                last = $"{(int)response.StatusCode} {body}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = "timed out: " + ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{url} did not answer {(int)expected} within {timeout}; last answer: {last}\n{diagnostics?.Invoke()}");
    }
}
