using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>
/// What the history readers and the change-feed followers got through each transport and how often they failed, so
/// a report shows they kept reading through the fault (failures during a fault are expected and only counted).
/// </summary>
public static class ReaderSummary
{
    public static IEnumerable<string> Describe(EntityWorkload workload)
    {
        var pages = workload.HistoryPages;
        var followed = workload.FollowedChanges;
        var transports = workload.Transports.Order().ToList();
        yield return "history pages read: "
            + string.Join(", ", transports.Select(t => $"{t} {pages.Count(p => p.Transport == t)}"))
            + $"; {workload.HistoryFailures} failed{Example(workload.FirstHistoryError)}";
        yield return "change feed followed: "
            + string.Join(", ", transports.Select(t => $"{t} {followed.Count(c => c.Transport == t)} changes in {workload.FeedPages.GetValueOrDefault(t)} pages ({workload.FeedFailures.GetValueOrDefault(t)} failed reads)"))
            + Example(workload.FirstFeedError);
    }

    private static string Example(string? error) => error is null ? "" : $" (first failure: {(error.Length > 160 ? error[..160] + "…" : error)})";
}
