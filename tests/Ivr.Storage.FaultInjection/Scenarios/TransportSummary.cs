using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>
/// How the writes split between the Orleans client and the HTTP gateway, and what the gateway answered, so a report
/// shows both paths carried load.
/// </summary>
public static class TransportSummary
{
    public static IEnumerable<string> Describe(IReadOnlyList<WriteRequest> requests) =>
        requests.GroupBy(r => r.Transport).OrderBy(g => g.Key).Select(g =>
            $"{g.Key}: {g.Count()} writes ({g.Count(r => r.Kind == WriteKind.Delete)} deletes), {g.Count(r => r.Outcome == WriteOutcome.Acknowledged)} acknowledged, "
            + $"{g.Count(r => Checking.CheckReport.IsUnknown(r.FirstOutcome))} unknown at first, {g.Count(r => r.Attempts > 1)} retried");

    /// <summary>What the writes whose outcome was unknown at first were answered, by kind ("TimeoutException", "HTTP 503"), with an example.</summary>
    public static string DescribeUnknown(IReadOnlyList<WriteRequest> requests) =>
        "unknown at first: " + List(requests
            .Where(r => Checking.CheckReport.IsUnknown(r.FirstOutcome))
            .GroupBy(r => $"{r.Transport} {KindOf(r.FirstError)}")
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} x {g.Count()} (e.g. {Shorten(g.First().FirstError)})"));

    public static string DescribeStatuses(IReadOnlyDictionary<int, int> statuses) =>
        "gateway answers: " + List(statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"));

    private static string List(IEnumerable<string> items) => string.Join(", ", items.DefaultIfEmpty("none"));

    // Errors read "<exception type>: <message>" (client) or "HTTP <status>: <body>" (gateway).
    private static string KindOf(string? error) => error?.Split(':', 2)[0] ?? "none";

    private static string Shorten(string? error) => error is { Length: > 160 } ? error[..160] + "…" : error ?? "no message";
}
