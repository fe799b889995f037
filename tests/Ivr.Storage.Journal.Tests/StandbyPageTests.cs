namespace Ivr.Storage.Journal.Tests;

/// <summary>When a history page read on a standby may be served: it holds every acknowledged version it must.</summary>
public sealed class StandbyPageTests
{
    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, 0, 3, 10, true)] // a full page
    [InlineData(new long[] { 8, 9, 10 }, 7, 5, 10, true)] // the head ends it
    [InlineData(new long[] { 8, 9 }, 7, 5, 10, false)] // version 10 not replayed yet
    [InlineData(new long[] { }, 7, 5, 10, false)] // nothing replayed past 7
    [InlineData(new long[] { 8, 10 }, 7, 5, 10, false)] // a hole
    [InlineData(new long[] { }, 10, 5, 10, true)] // nothing after the head
    public void ascending_pages(long[] versions, long after, int limit, long head, bool whole) =>
        Assert.Equal(whole, StandbyPage.IsWhole(versions, after, limit, descending: false, head, reachedByteBound: false));

    [Theory]
    [InlineData(new long[] { 10, 9, 8 }, 11, 3, 10, true)] // newest first from the head
    [InlineData(new long[] { 9, 8 }, 11, 3, 10, false)] // the head's own version missing
    [InlineData(new long[] { 2, 1 }, 3, 5, 10, true)] // the oldest end
    [InlineData(new long[] { 10, 8, 7 }, 11, 3, 10, false)]
    public void descending_pages(long[] versions, long before, int limit, long head, bool whole) =>
        Assert.Equal(whole, StandbyPage.IsWhole(versions, before, limit, descending: true, head, reachedByteBound: false));

    [Fact]
    public void a_page_cut_by_the_byte_bound_is_whole_when_it_holds_a_consecutive_run() =>
        Assert.True(StandbyPage.IsWhole([4, 5], 3, 10, descending: false, 10, reachedByteBound: true));

    [Fact]
    public void an_empty_page_is_never_whole_because_of_the_byte_bound() =>
        Assert.False(StandbyPage.IsWhole([], 3, 10, descending: false, 10, reachedByteBound: true));
}
