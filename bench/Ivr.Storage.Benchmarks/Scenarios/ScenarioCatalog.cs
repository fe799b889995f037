using Ivr.Storage.Benchmarks.Harness;

namespace Ivr.Storage.Benchmarks.Scenarios;

/// <summary>One scenario: its id, whether the read-model projection runs while it starts, and how to run it.</summary>
internal sealed record ScenarioDefinition(string Id, bool Projection, Func<ScenarioContext, Task<IReadOnlyList<Comparison>>> Run);

/// <summary>Every scenario in its canonical order, and the rotation that <c>--repeat</c> applies to them.</summary>
internal static class ScenarioCatalog
{
    public static readonly IReadOnlyList<ScenarioDefinition> All =
    [
        new("W1", false, WriteScenarios.RunW1Async),
        new("W2", false, async c => [await WriteScenarios.RunW2Async(c)]),
        new("R1", false, ReadScenarios.RunR1Async),
        new("T1", false, TlsScenario.RunT1Async),
        // L1 measures W1's capacity with the projection stopped, then starts it for its latency runs.
        new("L1", false, LatencyScenario.RunL1Async),
        new("H1", false, async c => [await HistoryScenarios.RunH1Async(c)]),
        new("A1", false, async c => [await HistoryScenarios.RunA1Async(c)]),
        new("F1", true, async c => [await FeedScenarios.RunF1Async(c)]),
        new("G1", false, GatewayScenarios.RunG1Async),
        new("RB", false, async c => [await FeedScenarios.RunRebuildAsync(c)]),
        new("M1", false, async c => [await MemoryScenario.RunM1Async(c)]),
        // The transparency log (issue 21): its cost on W1 and its lag, proofs on a large log, the offline verifier.
        new("D1", false, AuditLogScenario.RunD1Async),
        new("D2", false, ProofScenario.RunD2Async),
        new("D3", false, VerifierScenario.RunD3Async),
        new("WS", false, SchemaScenarios.RunW1SAsync),
        new("VS", false, SchemaScenarios.RunValidationAsync),
        new("MQ1", false, RelayScenario.RunMQ1Async),
    ];

    public static string Ids => string.Join(",", All.Select(s => s.Id));

    /// <summary>The chosen scenarios in canonical order.</summary>
    /// <exception cref="ArgumentException">An id names no scenario.</exception>
    public static IReadOnlyList<ScenarioDefinition> Select(IReadOnlySet<string> ids)
    {
        var unknown = ids.Where(id => !All.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {Ids}.", nameof(ids));
        }

        return All.Where(s => ids.Contains(s.Id)).ToArray();
    }

    /// <summary>
    /// The order of round <paramref name="round"/>: the chosen list rotated by the round, so each scenario runs first,
    /// in the middle and last in turn and no scenario always follows the same one.
    /// </summary>
    public static IEnumerable<ScenarioDefinition> Rotated(IReadOnlyList<ScenarioDefinition> chosen, int round) =>
        chosen.Count == 0 ? [] : chosen.Skip(round % chosen.Count).Concat(chosen.Take(round % chosen.Count));
}
