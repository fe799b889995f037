using Ivr.Storage.Contracts;
using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Checking;

public static partial class ConsistencyChecker
{
    /// <summary>
    /// Every version on a history page is judged like a current-state read (committed, same hash and deleted flag);
    /// the page itself must hold only its entity's versions, each one step from the last in the order asked for (a
    /// skipped or repeated version is a fork or a lost row showing through), oldest first starting at version 1.
    /// </summary>
    private static void CheckHistoryPages(IReadOnlyList<HistoryPageObservation> pages, Dictionary<(EntityKey, long), JournalRow> byVersion, List<Violation> violations)
    {
        foreach (var page in pages)
        {
            var name = $"the {page.Transport} history page of {page.Key} ({(page.NewestFirst ? "newest" : "oldest")} first)";
            if (Malformation(page) is { } problem)
            {
                violations.Add(new Violation(ViolationKind.MalformedHistoryPage, $"{name} {problem}: versions {string.Join(", ", page.Versions.Select(v => v.Version))}"));
            }

            CheckReads(page.Versions, byVersion, violations, name + " showed");
        }
    }

    /// <summary>What is wrong with the page's shape, or null when nothing is.</summary>
    private static string? Malformation(HistoryPageObservation page)
    {
        var versions = page.Versions;
        // A written entity has at least version 1, so its first page is never empty (an unwritten one is a 404).
        if (versions.Count == 0)
        {
            return "is empty";
        }

        if (versions.FirstOrDefault(v => v.Key != page.Key) is { } stranger)
        {
            return $"holds {stranger.Key}@{stranger.Version}";
        }

        if (!page.NewestFirst && versions[0].Version != 1)
        {
            return $"starts at version {versions[0].Version}";
        }

        var step = page.NewestFirst ? -1 : 1;
        for (var i = 1; i < versions.Count; i++)
        {
            if (versions[i].Version != versions[i - 1].Version + step)
            {
                var kind = (versions[i].Version - versions[i - 1].Version) * step > 0 ? "skips" : "goes back";
                return $"{kind} from version {versions[i - 1].Version} to {versions[i].Version}";
            }
        }

        return null;
    }
}
