namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>One scenario next to its baseline from the same run, with the ratio and the target it is held to.</summary>
internal sealed record Comparison(string Id, string Scenario, Measurement Ours, Measurement? Baseline, string RatioKind, double? Ratio, string Target, bool? Met, string? Note = null)
{
    /// <summary>Lines of evidence printed under the result (what the stall watch saw around the slowest operations).</summary>
    public IReadOnlyList<string>? Evidence { get; init; }
}
