using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// The change feed filtered by type in the database. Each test writes into a database of its own, so after its rows
/// are below the horizon every page is determined by them alone.
/// </summary>
public sealed class ChangeFeedFilterTests
{
    [Fact]
    public async Task a_filtered_page_holds_only_the_types_asked_for_and_its_cursor_moves_past_the_rows_of_other_types()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_feed");
        await using var harness = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        await AppendAsync(harness, "busy", 30);
        var rare = await AppendAsync(harness, "rare", 1);
        var busyAfter = await AppendAsync(harness, "busy", 5);
        await WaitUntilVisibleAsync(harness.Journal, 36);

        var page = await harness.Journal.ReadAsync(FeedPosition.Start, 10, Only("rare"));
        var again = await harness.Journal.ReadAsync(page.Next, 10, Only("rare"));

        Assert.Equal(rare, page.Entries.Select(entry => entry.Position));
        Assert.All(page.Entries, entry => Assert.Equal("rare", entry.Record.Key.Type));
        // Fewer than asked for: every row up to the horizon was examined, the busy ones after the rare one included,
        // so the next page starts after all of them instead of examining them again.
        Assert.Equal(busyAfter[^1], page.Next);
        Assert.False(page.HasMore);
        Assert.Empty(again.Entries);
        Assert.Equal(page.Next, again.Next);
        Assert.False(again.HasMore);
    }

    [Fact]
    public async Task a_page_that_finds_no_row_of_its_types_within_the_scan_limit_moves_its_cursor_to_the_last_row_examined()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_feed");
        await using var harness = await JournalHarness.StartAsync(options => options.FeedScanLimit = 5, database.JournalConnectionString);
        var busy = await AppendAsync(harness, "busy", 12);
        var rare = await AppendAsync(harness, "rare", 1);
        await WaitUntilVisibleAsync(harness.Journal, 13);

        var pages = new List<FeedPage>();
        var cursor = FeedPosition.Start;
        for (var i = 0; i < 4; i++)
        {
            var page = await harness.Journal.ReadAsync(cursor, 1, Only("rare"));
            pages.Add(page);
            cursor = page.Next;
        }

        // Five rows examined per page, each row once: empty pages still move on, and say that more may follow.
        Assert.Equal([busy[4], busy[9], rare[0], rare[0]], pages.Select(page => page.Next));
        Assert.Equal([0, 0, 1, 0], pages.Select(page => page.Entries.Count));
        Assert.Equal([true, true, true, false], pages.Select(page => page.HasMore));
        Assert.Equal(rare[0], pages[2].Entries[0].Position);
    }

    [Fact]
    public async Task prefixes_match_types_that_start_with_them_and_an_underscore_matches_only_itself()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_feed");
        await using var harness = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        foreach (var type in new[] { "call-session", "callx", "a_b", "axb", "call-agent" })
        {
            await AppendAsync(harness, type, 1);
        }

        await WaitUntilVisibleAsync(harness.Journal, 5);

        var page = await harness.Journal.ReadAsync(FeedPosition.Start, 100, Only("call-*", "a_b"));

        Assert.Equal(["call-session", "a_b", "call-agent"], page.Entries.Select(entry => entry.Record.Key.Type));
    }

    [Fact]
    public async Task without_payloads_the_feed_carries_everything_but_the_payload()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_feed");
        await using var harness = await JournalHarness.StartAsync(connectionString: database.JournalConnectionString);
        await AppendAsync(harness, "doc", 2);
        await WaitUntilVisibleAsync(harness.Journal, 2);

        var full = await harness.Journal.ReadAsync(FeedPosition.Start, 10, ChangeFeedFilter.Everything);
        var bare = await harness.Journal.ReadAsync(FeedPosition.Start, 10, new ChangeFeedFilter { IncludePayloads = false });

        Assert.All(full.Entries, entry => Assert.NotNull(entry.Record.Payload));
        Assert.All(bare.Entries, entry => Assert.Null(entry.Record.Payload));
        Assert.Equal(full.Entries.Select(entry => (entry.Position, entry.Record.Hash)), bare.Entries.Select(entry => (entry.Position, entry.Record.Hash)));
    }

    [Theory]
    [InlineData("Call")]
    [InlineData("call-%")]
    [InlineData("call*x")]
    [InlineData("")]
    public async Task a_type_pattern_no_type_could_match_is_refused(string pattern)
    {
        await using var harness = await JournalHarness.StartAsync();

        var error = await Assert.ThrowsAsync<EntityValidationException>(() => harness.Journal.ReadAsync(FeedPosition.Start, 10, Only(pattern)));

        Assert.Equal("types", error.Field);
    }

    private static ChangeFeedFilter Only(params string[] types) => new() { Types = types };

    /// <summary>Appends <paramref name="count"/> versions of fresh entities of <paramref name="type"/>, one after the other; returns their positions.</summary>
    internal static async Task<List<FeedPosition>> AppendAsync(JournalHarness harness, string type, int count, string payload = """{"n":1}""")
    {
        var positions = new List<FeedPosition>(count);
        for (var i = 0; i < count; i++)
        {
            var outcome = await harness.Journal.AppendAsync(TestChains.Next(EntityKey.Create(type, Guid.NewGuid().ToString("N")), null, payload));
            positions.Add(Assert.IsType<AppendOutcome.Committed>(outcome).Position);
        }

        return positions;
    }

    /// <summary>
    /// Waits until the test database's <paramref name="count"/> rows are all below the horizon (it moves once every older
    /// transaction in the whole PostgreSQL cluster has ended); from then on the feed's pages are fixed. Bounded: 30 s.
    /// </summary>
    internal static async Task WaitUntilVisibleAsync(PostgresEntityJournal journal, int count)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var visible = 0;
            FeedPage page;
            var cursor = FeedPosition.Start;
            do
            {
                page = await journal.ReadAsync(cursor, 1000, ChangeFeedFilter.Everything);
                visible += page.Entries.Count;
                cursor = page.Next;
            }
            while (page.HasMore);

            if (visible >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"The feed did not show {count} rows within 30 s.");
    }
}
