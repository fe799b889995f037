using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Grains.Tests;

/// <summary>
/// A history of large versions read through the grain with the default bound (8 MiB of payload per page): pages stop at
/// the bound instead of holding a thousand megabyte-sized versions in the silo, and their cursors continue exactly.
/// </summary>
[Collection(EntityClusterCollection.Name)]
public sealed class HistoryByteBoundTests(EntityClusterFixture fixture) : EntityTestBase(fixture)
{
    private const int Versions = 20;

    // Just under the 1 MiB payload limit: eight fit in 8 MiB, nine do not.
    private static string Payload(int version) => $$"""{"pad":"{{new string('x', 1_000_000)}}","v":{{version}}}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_history_page_of_large_versions_stops_at_the_byte_bound_and_the_cursor_continues_without_gaps_or_repeats(bool newestFirst)
    {
        var grain = NewEntity(out _);
        for (var v = 1; v <= Versions; v++)
        {
            await grain.Put(Payload(v), By());
        }

        var pages = new List<HistoryPage>();
        var query = new HistoryQuery { PageSize = HistoryQuery.MaxPageSize, IncludePayloads = true, NewestFirst = newestFirst };
        while (pages.Count < Versions + 1)
        {
            var page = await grain.GetHistory(query);
            pages.Add(page);
            if (page.NextCursor is null)
            {
                break;
            }

            query = query with { Cursor = page.NextCursor };
        }

        Assert.Equal([8, 8, 4], pages.Select(page => page.Items.Count));
        Assert.All(pages, page => Assert.True(page.Items.Sum(item => (long)item.Payload!.Length) <= 8L * 1024 * 1024));
        var expected = Enumerable.Range(1, Versions).Select(v => (long)v);
        var versions = pages.SelectMany(page => page.Items).Select(item => item.Version).ToList();
        Assert.Equal(newestFirst ? expected.Reverse() : expected, versions);
        Assert.All(pages.SelectMany(page => page.Items), item => Assert.Equal(Payload((int)item.Version), item.Payload));
    }
}
