using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>History pages and what the change-feed followers were shown: consistent ones pass, planted faults are caught.</summary>
public sealed partial class ConsistencyCheckerTests
{
    [Fact]
    public void history_pages_and_followed_changes_matching_the_journal_pass()
    {
        var (requests, rows) = History(3);
        HistoryPageObservation[] pages = [Page(Transport.Client, newestFirst: false, rows, 1, 2, 3), Page(Transport.Http, newestFirst: true, rows, 3, 2)];
        // Each follower is judged on its own: both seeing every change is right, not a repeat.
        var report = CheckReaders(requests, rows, pages, [.. Followed(Transport.Client, rows), .. Followed(Transport.Http, rows)]);
        Assert.True(report.Passed, string.Join("\n", report.Violations));
        Assert.Equal((2, 1, 5), (report.HistoryPages, report.HistoryPagesOverHttp, report.HistoryVersions));
        Assert.Equal((6, 3), (report.FollowedChanges, report.FollowedChangesOverHttp));
    }

    [Fact]
    public void history_page_showing_a_hash_the_journal_lacks_is_reported_phantom()
    {
        var (requests, rows) = History(3);
        var page = Page(Transport.Http, newestFirst: true, rows, 3, 2);
        page = page with { Versions = [page.Versions[0], page.Versions[1] with { Hash = "00" }] };
        var report = CheckReaders(requests, rows, [page], []);
        Assert.Equal(1, report.Count(ViolationKind.PhantomRead));
        Assert.Equal(0, report.Count(ViolationKind.MalformedHistoryPage));
    }

    [Fact]
    public void history_page_with_a_gap_out_of_order_or_not_starting_at_1_is_reported_malformed()
    {
        var (requests, rows) = History(3);
        HistoryPageObservation[] pages =
        [
            Page(Transport.Client, newestFirst: false, rows, 1, 3),
            Page(Transport.Client, newestFirst: true, rows, 2, 3),
            Page(Transport.Http, newestFirst: false, rows, 2, 3),
            Page(Transport.Http, newestFirst: true, rows),
        ];
        var report = CheckReaders(requests, rows, pages, []);
        Assert.Equal(4, report.Count(ViolationKind.MalformedHistoryPage));
        Assert.Equal(0, report.Count(ViolationKind.PhantomRead));
    }

    [Fact]
    public void followed_change_the_journal_lacks_or_holds_with_another_hash_is_reported()
    {
        var (requests, rows) = History(3);
        var followed = Followed(Transport.Client, rows);
        followed[1] = followed[1] with { Hash = "00" };
        FeedObservation phantom = new(Transport.Client, Key, 4, new FeedPosition(2000, 4), "00");
        var report = CheckReaders(requests, rows, [], [.. followed, phantom]);
        Assert.Equal(2, report.Count(ViolationKind.FeedMismatch));
    }

    [Fact]
    public void followed_change_at_a_repeated_position_is_reported()
    {
        var (requests, rows) = History(3);
        var followed = Followed(Transport.Http, rows);
        // Shown again after the cursor had passed it: the position does not increase, and the change comes twice.
        var report = CheckReaders(requests, rows, [], [.. followed, followed[2]]);
        Assert.Equal(2, report.Count(ViolationKind.FeedMismatch));
    }

    private static CheckReport CheckReaders(IReadOnlyList<WriteRequest> requests, IReadOnlyList<JournalRow> rows, IReadOnlyList<HistoryPageObservation> pages, IReadOnlyList<FeedObservation> followed) =>
        ConsistencyChecker.Check(requests, [], rows, Feed(rows), rows.Count, pages, followed);

    /// <summary>A page showing <paramref name="versions"/> (in that order) as the journal holds them.</summary>
    private static HistoryPageObservation Page(Transport transport, bool newestFirst, IReadOnlyList<JournalRow> rows, params long[] versions) =>
        new(transport, Key, newestFirst, [.. versions.Select(v => rows[(int)v - 1]).Select(r => new ReadObservation(Key, r.Record.Version, Convert.ToHexStringLower(r.Record.Hash)))]);

    private static List<FeedObservation> Followed(Transport transport, IEnumerable<JournalRow> rows) =>
        [.. rows.Select(r => new FeedObservation(transport, r.Record.Key, r.Record.Version, r.Position, Convert.ToHexStringLower(r.Record.Hash)))];
}
