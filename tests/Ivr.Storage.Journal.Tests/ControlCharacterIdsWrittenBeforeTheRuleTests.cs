using Ivr.Storage.Contracts;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// Ids with control characters are refused since issue 15, but journals written before hold such rows. Reading them
/// back must not apply today's rule: a feed reader or the projector that threw on one old row would stop at its
/// position for good (seen: the read model's projector failing on every poll).
/// </summary>
public sealed class ControlCharacterIdsWrittenBeforeTheRuleTests
{
    [Fact]
    public async Task a_stored_row_whose_id_has_control_characters_reads_back_in_the_feed_and_by_version()
    {
        await using var harness = await JournalHarness.StartAsync();
        var start = await harness.Journal.ReadHorizonAsync();
        // A key as an older version accepted it: made around EntityKey.Create, which refuses it today.
        var legacy = JournalHarness.NewKey() with { Id = "legacy\r\nid\u001b[0m-" + Guid.NewGuid().ToString("N") };
        var record = TestChains.Next(legacy, null, """{"old":true}""");
        await harness.Journal.AppendAsync(record);

        var inFeed = await FindInFeedAsync(harness.Journal, start, legacy);
        var byVersion = await harness.Journal.ReadVersionAsync(legacy, 1);

        Assert.Equal(legacy.Id, inFeed.Record.Key.Id);
        Assert.Equal(legacy.Id, byVersion!.Key.Id);
    }

    /// <summary>Pages the feed from <paramref name="start"/> until <paramref name="key"/> appears (bounded: 10 s).</summary>
    private static async Task<FeedEntry> FindInFeedAsync(PostgresEntityJournal journal, FeedPosition start, EntityKey key)
    {
        var after = start;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var page = await journal.ReadAsync(after, 1000);
            if (page.FirstOrDefault(entry => entry.Record.Key == key) is { } found)
            {
                return found;
            }

            if (page.Count == 0)
            {
                await Task.Delay(50);
            }
            else
            {
                after = page[^1].Position;
            }
        }

        throw new TimeoutException($"{key} did not appear in the feed within 10 s.");
    }
}
