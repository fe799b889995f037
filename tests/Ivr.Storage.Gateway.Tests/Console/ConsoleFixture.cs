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
