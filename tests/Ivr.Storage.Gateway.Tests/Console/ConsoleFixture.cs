using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Gateway.Tests.Console;

/// <summary>
/// The gateway served by Kestrel (the console needs a real server: raw targets, cookies, a browser) over a cluster on a
/// database of its own with the read-model projection running, so the Find page counts only this fixture's entities.
/// </summary>
public sealed class ConsoleFixture : GatewayFixture
{
    protected override string? OwnDatabasePrefix => "ivr_console";

    protected override bool RunProjection => true;

    /// <summary>The Kestrel server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Server => KestrelClient.BaseAddress!;

    /// <summary>
    /// Writes each payload in turn through a gateway that accepts bodies up to 4 MiB (the tests' usual limit is 64 KiB),
    /// for payloads near the store's 1 MiB bound.
    /// </summary>
    public async Task PutLargeAsync(EntityKey key, params string[] payloads)
    {
        await using var gateway = With(("Gateway:MaxRequestBodyBytes", (4 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var http = gateway.CreateClient();
        foreach (var payload in payloads)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/entities/{key.Type}/{Uri.EscapeDataString(key.Id)}") { Content = new StringContent(payload, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", TestCallers.Admin);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// A payload of about 0.97 MiB (the store takes at most 1 MiB): <paramref name="count"/> items (default 6,000), each with <paramref name="state"/>,
    /// so two of them differing in the state differ in every item.
    /// </summary>
    public static string LargePayload(string state, int count = 6_000)
    {
        var items = Enumerable.Range(0, count).Select(i => $$"""{"i":{{i}},"name":"item-{{i:D5}}-{{new string('x', 120)}}","state":"{{state}}"}""");
        return $$"""{"items":[{{string.Join(',', items)}}]}""";
    }

    /// <summary>
    /// Appends a hashed chain of <paramref name="count"/> versions (<c>{"n":i}</c>) to the journal directly, group-committed:
    /// thousands of versions in seconds. The key must be new, so no grain has its head cached.
    /// </summary>
    public async Task SeedChainAsync(EntityKey key, int count)
    {
        await using var journal = await JournalHarness.StartAsync(connectionString: JournalConnectionString);
        await TestChains.AppendAllAsync(journal.Journal, TestChains.Chain(key, count));
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
