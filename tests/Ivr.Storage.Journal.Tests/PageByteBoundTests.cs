using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>History and feed pages stop at Journal:MaxPagePayloadBytes and their cursors continue without gaps or repeats.</summary>
public sealed class PageByteBoundTests
{
    // About 3 KB each: three fit in 10,000 bytes, four do not.
    private static readonly string Payload = $$"""{"pad":"{{new string('x', 3_000)}}"}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_history_page_stops_at_the_byte_bound_and_the_next_page_starts_right_after_it(bool descending)
    {
        await using var harness = await JournalHarness.StartAsync(options => options.MaxPagePayloadBytes = 10_000);
        var key = JournalHarness.NewKey();
        var chain = Chain(key, 10);
        await TestChains.AppendAllAsync(harness.Journal, chain, concurrency: 1);

        var pages = new List<JournalPage>();
        var cursor = descending ? long.MaxValue : 0;
        while (pages.Count < 20)
        {
            var page = await harness.Journal.ReadPageAsync(key, cursor, 1000, descending, includePayloads: true);
            pages.Add(page);
            if (!page.ReachedByteBound)
            {
                break;
            }

            cursor = page.Records[^1].Version;
        }

        Assert.Equal([3, 3, 3, 1], pages.Select(page => page.Records.Count));
        Assert.Equal([true, true, true, false], pages.Select(page => page.ReachedByteBound));
        var expected = Enumerable.Range(1, 10).Select(v => (long)v);
        Assert.Equal(descending ? expected.Reverse() : expected, pages.SelectMany(page => page.Records).Select(record => record.Version));
        Assert.All(pages.SelectMany(page => page.Records), record => Assert.Equal(Payload, record.Payload));
    }

    [Fact]
    public async Task a_payload_larger_than_the_bound_still_pages_one_version_at_a_time()
    {
        await using var harness = await JournalHarness.StartAsync(options => options.MaxPagePayloadBytes = 1_000);
        var key = JournalHarness.NewKey();
        await TestChains.AppendAllAsync(harness.Journal, Chain(key, 3), concurrency: 1);

        var first = await harness.Journal.ReadPageAsync(key, 0, 1000, descending: false, includePayloads: true);
        var second = await harness.Journal.ReadPageAsync(key, 1, 1000, descending: false, includePayloads: true);
        var metadata = await harness.Journal.ReadPageAsync(key, 0, 1000, descending: false, includePayloads: false);
        var verified = new List<JournalRecord>();
        await foreach (var record in harness.Journal.ReadAllAsync(key))
        {
            verified.Add(record);
        }

        Assert.Equal([1L], first.Records.Select(record => record.Version));
        Assert.True(first.ReachedByteBound);
        Assert.Equal([2L], second.Records.Select(record => record.Version));
        // Without payloads there is nothing to bound.
        Assert.Equal(3, metadata.Records.Count);
        // Streaming a whole chain (verification) goes on past pages cut short by the bound.
        Assert.Equal([1L, 2L, 3L], verified.Select(record => record.Version));
    }

    [Fact]
    public async Task a_feed_page_stops_at_the_byte_bound_and_the_next_page_starts_right_after_it()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_feed");
        await using var harness = await JournalHarness.StartAsync(options => options.MaxPagePayloadBytes = 10_000, database.JournalConnectionString);
        var written = await ChangeFeedFilterTests.AppendAsync(harness, "big", 10, Payload);
        await ChangeFeedFilterTests.WaitUntilVisibleAsync(harness.Journal, 10);

        foreach (var filter in new[] { ChangeFeedFilter.Everything, new ChangeFeedFilter { Types = ["big"] } })
        {
            var pages = new List<Feed.FeedPage>();
            var cursor = FeedPosition.Start;
            while (pages.Count < 20)
            {
                var page = await harness.Journal.ReadAsync(cursor, 1000, filter);
                pages.Add(page);
                cursor = page.Next;
                if (!page.HasMore)
                {
                    break;
                }
            }

            Assert.Equal([3, 3, 3, 1], pages.Select(page => page.Entries.Count));
            Assert.Equal(written, pages.SelectMany(page => page.Entries).Select(entry => entry.Position));
            Assert.Equal(written[^1], cursor);
        }

        // What the projector reads: the same bound.
        Assert.Equal(3, (await harness.Journal.ReadAsync(FeedPosition.Start, 1000)).Count);
    }

    private static List<JournalRecord> Chain(EntityKey key, int count)
    {
        var records = new List<JournalRecord>(count);
        JournalRecord? previous = null;
        for (var i = 0; i < count; i++)
        {
            previous = TestChains.Next(key, previous, Payload);
            records.Add(previous);
        }

        return records;
    }
}
