using System.Net;
using System.Text.Json;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>Reading the change feed through the gateway in tests.</summary>
public abstract class FeedTestBase(GatewayFixture fixture) : GatewayTestBase(fixture)
{
    protected static string NewType(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The write's <c>X-Feed-Position</c>, checked against the body's <c>feedPosition</c>.</summary>
    protected static async Task<string> FeedPositionAsync(HttpResponseMessage write)
    {
        var body = await JsonAsync(write, write.StatusCode is HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
        var header = Assert.Single(write.Headers.GetValues("X-Feed-Position"));
        Assert.Equal(header, body.GetProperty("feedPosition").GetString());
        return header;
    }

    protected static FeedPosition Position(string text) => FeedPosition.Parse(text);

    /// <summary>
    /// Pages through <c>/changes</c> after <paramref name="after"/> until <paramref name="count"/> changes of
    /// <paramref name="type"/> arrived. A commit shows in the feed once no older transaction still runs, so it may
    /// lag its acknowledgement by a moment; only an empty page waits briefly before asking again (bounded).
    /// </summary>
    protected async Task<List<JsonElement>> ChangesOfTypeAsync(string after, string type, int count, string apiKey = TestCallers.Admin)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var found = new List<JsonElement>();
        while (found.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {found.Count} of {count} changes of {type} arrived.");
            var page = await JsonAsync(await GetAsync($"/changes?after={after}&limit=1000", apiKey: apiKey), HttpStatusCode.OK);
            var changes = page.GetProperty("changes").EnumerateArray().ToList();
            found.AddRange(changes.Where(change => change.GetProperty("data").GetProperty("entityType").GetString() == type));
            after = page.GetProperty("next").GetString()!;
            if (changes.Count == 0)
            {
                await Task.Delay(50);
            }
        }

        return found;
    }
}
