using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Checking;

public static partial class ConsistencyChecker
{
    /// <summary>
    /// What each transport's follower was shown during the load, faults included: every change is a journal row with
    /// that hash and feed position (never an uncommitted or rolled-back one), positions strictly increase across its
    /// pages (so resuming after a page's position skips nothing and repeats nothing), and no change comes twice.
    /// Completeness is the whole-feed check's job: a follower stops with the load, wherever it got to.
    /// </summary>
    private static void CheckFollowedChanges(IReadOnlyList<FeedObservation> followed, Dictionary<(EntityKey, long), JournalRow> byVersion, List<Violation> violations)
    {
        foreach (var follower in followed.GroupBy(c => c.Transport))
        {
            var seen = new HashSet<(EntityKey, long)>();
            FeedPosition? previous = null;
            foreach (var change in follower)
            {
                var name = $"the {follower.Key} feed follower was shown {change.Key}@{change.Version} at {change.Position}";
                if (previous is { } before && change.Position <= before)
                {
                    violations.Add(new Violation(ViolationKind.FeedMismatch, $"{name}, after {before}"));
                }

                if (!seen.Add((change.Key, change.Version)))
                {
                    violations.Add(new Violation(ViolationKind.FeedMismatch, $"{name} a second time"));
                }

                if (!byVersion.TryGetValue((change.Key, change.Version), out var row))
                {
                    violations.Add(new Violation(ViolationKind.FeedMismatch, $"{name}, which the journal does not hold"));
                }
                else if (change.Hash != Hex(row) || change.Position != row.Position)
                {
                    violations.Add(new Violation(ViolationKind.FeedMismatch, $"{name} with hash {change.Hash}; the journal's row has {Hex(row)} at {row.Position}"));
                }

                previous = previous is { } last && last > change.Position ? last : change.Position;
            }
        }
    }
}
