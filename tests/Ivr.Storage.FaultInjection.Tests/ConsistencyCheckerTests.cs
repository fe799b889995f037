using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Journal;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>The oracle itself: a consistent history passes, and every planted violation is caught, so the suite can fail.</summary>
public sealed partial class ConsistencyCheckerTests
{
    private static readonly EntityKey Key = EntityKey.Create("fi-checker", "e1");

    [Fact]
    public void consistent_history_passes()
    {
        var (requests, rows) = History(3);
        var report = Check(requests, rows);
        Assert.True(report.Passed, string.Join("\n", report.Violations));
        Assert.Equal(3, report.Acknowledged);
    }

    [Fact]
    public void acknowledged_write_missing_from_the_journal_is_reported_lost()
    {
        var (requests, rows) = History(3);
        var report = Check(requests, rows.Take(2).ToList());
        Assert.Equal(1, report.Lost);
        Assert.False(report.Passed);
    }

    [Fact]
    public void acknowledged_version_holding_another_request_is_reported_lost()
    {
        var (requests, rows) = History(3);
        requests[2].Version = 2;
        requests[2].Hash = requests[1].Hash;
        Assert.Equal(1, Check(requests, rows).Lost);
    }

    [Fact]
    public void request_committed_twice_is_reported_duplicated()
    {
        var (requests, rows) = History(2);
        // A retry that wrote a second version instead of replaying the first.
        var again = TestChains.Next(Key, rows[^1].Record, rows[^1].Record.Payload, idempotencyKey: "other-key");
        var planted = rows.Append(Row(again, 99, "req-2")).ToList();
        Assert.Equal(1, Check(requests, planted).Duplicated);
    }

    [Fact]
    public void refused_write_found_in_the_journal_is_reported()
    {
        var (requests, rows) = History(2);
        requests[1].Outcome = WriteOutcome.ConcurrencyConflict;
        requests[1].Version = null;
        Assert.Equal(1, Check(requests, rows).Count(ViolationKind.RefusedWriteCommitted));
    }

    [Fact]
    public void write_still_unknown_after_retries_is_reported_unresolved()
    {
        var (requests, rows) = History(2);
        requests[1].Outcome = WriteOutcome.Timeout;
        Assert.Equal(1, Check(requests, rows).Count(ViolationKind.Unresolved));
    }

    [Fact]
    public void version_gap_and_broken_hash_are_reported()
    {
        var (_, rows) = History(3);
        var tampered = rows[2].Record with { Payload = """{"req":"forged"}""" };
        var report = Check([], [rows[0], rows[1] with { Record = tampered }]);
        Assert.Equal(1, report.Count(ViolationKind.ChainBroken));
        Assert.Equal(1, Check([], [rows[0], rows[2]]).Count(ViolationKind.VersionGap));
    }

    [Fact]
    public void read_of_a_version_the_journal_lacks_is_reported_phantom()
    {
        var (requests, rows) = History(2);
        var report = ConsistencyChecker.Check(requests, [new ReadObservation(Key, 3, "00")], rows, Feed(rows), rows.Count);
        Assert.Equal(1, report.Count(ViolationKind.PhantomRead));
    }

    [Fact]
    public void delete_refused_as_gone_but_found_in_the_journal_is_reported()
    {
        // A retried delete whose first attempt had committed must replay, not answer "already deleted".
        var (requests, rows) = History(2);
        var tombstone = TestChains.Next(Key, rows[^1].Record, payload: null, idempotencyKey: "req-del", kind: ChangeKind.Delete);
        var delete = new WriteRequest { RequestId = "req-del", Key = Key, Expected = ExpectedVersion.Any, Kind = WriteKind.Delete, FirstOutcome = WriteOutcome.Timeout, Outcome = WriteOutcome.Gone };
        var report = Check([.. requests, delete], [.. rows, Row(tombstone, 3, requestId: null)]);
        Assert.Equal(1, report.Count(ViolationKind.RefusedWriteCommitted));
    }

    [Fact]
    public void valid_write_refused_as_invalid_is_reported()
    {
        var (requests, rows) = History(2);
        requests.Add(new WriteRequest { RequestId = "req-3", Key = Key, Expected = ExpectedVersion.Any, Payload = """{"req":"req-3"}""", Outcome = WriteOutcome.Validation });
        Assert.Equal(1, Check(requests, rows).Count(ViolationKind.UnexpectedOutcome));
    }

    [Fact]
    public void read_showing_another_payload_or_deleted_flag_than_the_journal_is_reported_phantom()
    {
        var (requests, rows) = History(2);
        ReadObservation[] reads =
        [
            // What the gateway shows: the payload in any formatting (compared canonically), no hash.
            new(Key, 2, Hash: null, Payload: """{ "req" : "req-2" }"""),
            new(Key, 2, Hash: null, Payload: """{"req":"req-1"}"""),
            new(Key, 2, Hash: null, Deleted: true),
            new(Key, 1, Hash: null, Payload: "not json"),
        ];
        var report = ConsistencyChecker.Check(requests, reads, rows, Feed(rows), rows.Count);
        Assert.Equal(3, report.Count(ViolationKind.PhantomRead));
    }

    [Fact]
    public void feed_out_of_order_missing_or_repeating_a_row_is_reported()
    {
        var (requests, rows) = History(3);
        var feed = Feed(rows);
        Assert.NotEqual(0, ConsistencyChecker.Check(requests, [], rows, [feed[1], feed[0], feed[2]], rows.Count).Count(ViolationKind.FeedMismatch));
        Assert.NotEqual(0, ConsistencyChecker.Check(requests, [], rows, [feed[0], feed[2]], rows.Count).Count(ViolationKind.FeedMismatch));
        Assert.NotEqual(0, ConsistencyChecker.Check(requests, [], rows, [feed[0], feed[1], feed[2], feed[2]], rows.Count).Count(ViolationKind.FeedMismatch));
    }

    private static CheckReport Check(IReadOnlyList<WriteRequest> requests, IReadOnlyList<JournalRow> rows) =>
        ConsistencyChecker.Check(requests, [], rows, Feed(rows), rows.Count);

    private static List<FeedItem> Feed(IEnumerable<JournalRow> rows) =>
        rows.Select(r => new FeedItem(r.Record.Key, r.Record.Version, r.Position)).ToList();

    /// <summary>A correctly hashed chain of <paramref name="count"/> versions, each the acknowledged write of one request.</summary>
    private static (List<WriteRequest> Requests, List<JournalRow> Rows) History(int count)
    {
        var requests = new List<WriteRequest>();
        var rows = new List<JournalRow>();
        JournalRecord? previous = null;
        for (var i = 1; i <= count; i++)
        {
            var id = $"req-{i}";
            var payload = $$"""{"req":"{{id}}"}""";
            previous = TestChains.Next(Key, previous, payload, idempotencyKey: id);
            rows.Add(Row(previous, i, id));
            requests.Add(new WriteRequest
            {
                RequestId = id,
                Key = Key,
                Expected = ExpectedVersion.Any,
                Payload = payload,
                FirstOutcome = WriteOutcome.Acknowledged,
                Outcome = WriteOutcome.Acknowledged,
                Version = i,
                Hash = Convert.ToHexStringLower(previous.Hash),
            });
        }

        return (requests, rows);
    }

    private static JournalRow Row(JournalRecord record, long position, string? requestId) =>
        new(record with { Position = position }, new FeedPosition(1000 + (ulong)position, position)) { PayloadRequestId = requestId };
}
