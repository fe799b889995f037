namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>One scenario's run in one round: how its drained start went, what it measured, and how long it took (drain excluded).</summary>
internal sealed record ScenarioRun(int Round, string Scenario, DrainReport Drain, IReadOnlyList<Comparison> Results, double Seconds);
