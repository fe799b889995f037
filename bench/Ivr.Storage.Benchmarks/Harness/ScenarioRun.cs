namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>One scenario's run in one round: how its drained start went and what it measured.</summary>
internal sealed record ScenarioRun(int Round, string Scenario, DrainReport Drain, IReadOnlyList<Comparison> Results);
