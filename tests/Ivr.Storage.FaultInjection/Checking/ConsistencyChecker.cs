using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Journal.Hashing;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>
/// The oracle: compares what clients were told with what the journal holds. Pure (no I/O), so it can be tested
/// with planted violations. "An acknowledged write is never lost and history never forks" becomes:
/// every acknowledged write is in the journal once, at the version and with the hash the client was told; no
/// request id is in two rows; no refused write is in it; no valid write was refused as invalid; every entity's
/// versions are 1..n and the hash chain recomputes and links; every read showed a committed version (its hash or
/// payload, and whether it was deleted), and so did every history page, in order without gaps; every change a
/// follower was shown during the load is a journal row, once, in increasing positions; the change feed from the
/// start holds every journal row exactly once, in (transaction, position) order.
/// </summary>
public static partial class ConsistencyChecker
{
    /// <param name="requests">Every write of the scenario, after retries.</param>
    /// <param name="reads">What readers were shown.</param>
    /// <param name="rows">Every journal row of the scenario's entity type.</param>
    /// <param name="feed">The whole change feed read from <see cref="FeedPosition.Start"/>.</param>
    /// <param name="journalTotalRows">Rows in the whole journal (all scenarios), which the feed must match.</param>
    /// <param name="historyPages">The history pages readers were shown (none when null).</param>
    /// <param name="followed">The changes of the scenario's entity type the feed followers were shown (none when null).</param>
    public static CheckReport Check(
        IReadOnlyList<WriteRequest> requests,
        IReadOnlyList<ReadObservation> reads,
        IReadOnlyList<JournalRow> rows,
        IReadOnlyList<FeedItem> feed,
        long journalTotalRows,
        IReadOnlyList<HistoryPageObservation>? historyPages = null,
        IReadOnlyList<FeedObservation>? followed = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(feed);
        var violations = new List<Violation>();
        var byVersion = rows.ToDictionary(r => (r.Record.Key, r.Record.Version));
        var byRequestId = RowsByRequestId(rows);

        foreach (var (requestId, found) in byRequestId.Where(pair => pair.Value.Count > 1))
        {
            violations.Add(new Violation(ViolationKind.Duplicated, $"request {requestId} is in {found.Count} rows: {string.Join(", ", found.Select(r => $"{r.Record.Key}@{r.Record.Version}"))}"));
        }

        CheckRequests(requests, byVersion, byRequestId, violations);
        CheckChains(rows, violations);
        CheckReads(reads, byVersion, violations, "a reader saw");
        CheckHistoryPages(historyPages ?? [], byVersion, violations);
        CheckFollowedChanges(followed ?? [], byVersion, violations);
        CheckFeed(rows, feed, journalTotalRows, violations);
        var unknownFirst = requests.Where(r => CheckReport.IsUnknown(r.FirstOutcome)).ToList();
        return new CheckReport
        {
            Issued = requests.Count,
            Acknowledged = requests.Count(r => r.Outcome == WriteOutcome.Acknowledged),
            AcknowledgedOverHttp = requests.Count(r => r.Outcome == WriteOutcome.Acknowledged && r.Transport == Transport.Http),
            FailedCleanly = requests.Count(r => r.Outcome is WriteOutcome.ConcurrencyConflict or WriteOutcome.Validation or WriteOutcome.Gone),
            Unknown = unknownFirst.Count,
            UnknownThenAcknowledged = unknownFirst.Count(r => r.Outcome == WriteOutcome.Acknowledged),
            JournalRows = rows.Count,
            FeedRows = feed.Count,
            Reads = reads.Count,
            HistoryPages = historyPages?.Count ?? 0,
            HistoryPagesOverHttp = historyPages?.Count(p => p.Transport == Transport.Http) ?? 0,
            HistoryVersions = historyPages?.Sum(p => p.Versions.Count) ?? 0,
            FollowedChanges = followed?.Count ?? 0,
            FollowedChangesOverHttp = followed?.Count(c => c.Transport == Transport.Http) ?? 0,
            Violations = violations,
        };
    }

    private static void CheckRequests(IReadOnlyList<WriteRequest> requests, Dictionary<(EntityKey, long), JournalRow> byVersion, Dictionary<string, List<JournalRow>> byRequestId, List<Violation> violations)
    {
        foreach (var request in requests)
        {
            var committed = byRequestId.GetValueOrDefault(request.RequestId) ?? [];
            switch (request.Outcome)
            {
                case WriteOutcome.Acknowledged when request.Invalid:
                    violations.Add(new Violation(ViolationKind.UnexpectedOutcome, $"invalid request {request.RequestId} was acknowledged as {request.Key}@{request.Version}"));
                    break;
                case WriteOutcome.Acknowledged:
                    if (request.Version is not { } version || !byVersion.TryGetValue((request.Key, version), out var row))
                    {
                        violations.Add(new Violation(ViolationKind.Lost, $"request {request.RequestId} was acknowledged as {request.Key}@{request.Version}, which is not in the journal"));
                    }
                    else if (row.Record.IdempotencyKey != request.RequestId || Hex(row) != request.Hash)
                    {
                        violations.Add(new Violation(ViolationKind.Lost, $"request {request.RequestId} was acknowledged as {request.Key}@{version} (hash {request.Hash}), but that version is request {row.Record.IdempotencyKey} (hash {Hex(row)})"));
                    }

                    break;
                case WriteOutcome.ConcurrencyConflict or WriteOutcome.Validation or WriteOutcome.Gone when committed.Count > 0:
                    violations.Add(new Violation(ViolationKind.RefusedWriteCommitted, $"request {request.RequestId} was refused ({request.Outcome}: {request.Error}) but is in the journal as {committed[0].Record.Key}@{committed[0].Record.Version}"));
                    break;
                case WriteOutcome.Validation when !request.Invalid:
                    violations.Add(new Violation(ViolationKind.UnexpectedOutcome, $"valid request {request.RequestId} on {request.Key} was refused as invalid: {request.Error}"));
                    break;
                case WriteOutcome.Unexpected:
                    violations.Add(new Violation(ViolationKind.UnexpectedOutcome, $"request {request.RequestId} on {request.Key}: {request.Error}"));
                    break;
                case WriteOutcome.Timeout or WriteOutcome.Error or WriteOutcome.Pending:
                    violations.Add(new Violation(ViolationKind.Unresolved, $"request {request.RequestId} on {request.Key} still {request.Outcome} after {request.Attempts} attempts ({request.Error}); in the journal {committed.Count} time(s)"));
                    break;
            }
        }
    }

    private static void CheckChains(IReadOnlyList<JournalRow> rows, List<Violation> violations)
    {
        foreach (var entity in rows.GroupBy(r => r.Record.Key))
        {
            var previousHash = ChainHash.Genesis.ToArray();
            var expected = 1L;
            foreach (var row in entity.OrderBy(r => r.Record.Version))
            {
                var record = row.Record;
                if (record.Version != expected)
                {
                    violations.Add(new Violation(ViolationKind.VersionGap, $"{entity.Key}: expected version {expected}, found {record.Version}"));
                }
                else if (!record.PreviousHash.AsSpan().SequenceEqual(previousHash))
                {
                    violations.Add(new Violation(ViolationKind.ChainBroken, $"{entity.Key}@{record.Version}: previous hash does not link to version {record.Version - 1}"));
                }

                if (!ChainHash.Compute(record).AsSpan().SequenceEqual(record.Hash))
                {
                    violations.Add(new Violation(ViolationKind.ChainBroken, $"{entity.Key}@{record.Version}: hash does not recompute"));
                }

                previousHash = record.Hash;
                expected = record.Version + 1;
            }
        }
    }

    private static void CheckFeed(IReadOnlyList<JournalRow> rows, IReadOnlyList<FeedItem> feed, long journalTotalRows, List<Violation> violations)
    {
        for (var i = 1; i < feed.Count; i++)
        {
            if (feed[i].Position <= feed[i - 1].Position)
            {
                violations.Add(new Violation(ViolationKind.FeedMismatch, $"feed out of order at {i}: {feed[i - 1].Position} then {feed[i].Position}"));
            }
        }

        if (feed.Count != journalTotalRows)
        {
            violations.Add(new Violation(ViolationKind.FeedMismatch, $"the feed holds {feed.Count} changes, the journal {journalTotalRows} rows"));
        }

        var delivered = new Dictionary<(EntityKey, long), FeedPosition>();
        foreach (var item in feed)
        {
            if (!delivered.TryAdd((item.Key, item.Version), item.Position))
            {
                violations.Add(new Violation(ViolationKind.FeedMismatch, $"the feed delivers {item.Key}@{item.Version} twice"));
            }
        }

        foreach (var row in rows)
        {
            if (!delivered.TryGetValue((row.Record.Key, row.Record.Version), out var position))
            {
                violations.Add(new Violation(ViolationKind.FeedMismatch, $"{row.Record.Key}@{row.Record.Version} is in the journal but not in the feed"));
            }
            else if (position != row.Position)
            {
                violations.Add(new Violation(ViolationKind.FeedMismatch, $"{row.Record.Key}@{row.Record.Version} is at {position} in the feed, {row.Position} in the journal"));
            }
        }
    }

    private static Dictionary<string, List<JournalRow>> RowsByRequestId(IReadOnlyList<JournalRow> rows)
    {
        var byId = new Dictionary<string, List<JournalRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // The idempotency key and the payload's "req" name the same request; a row counts once per id.
            foreach (var id in new[] { row.Record.IdempotencyKey, row.PayloadRequestId }.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!byId.TryGetValue(id, out var list))
                {
                    byId[id] = list = [];
                }

                list.Add(row);
            }
        }

        return byId;
    }

    private static string Hex(JournalRow row) => Convert.ToHexStringLower(row.Record.Hash);
}
