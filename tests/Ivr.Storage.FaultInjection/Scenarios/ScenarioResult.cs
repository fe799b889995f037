using Ivr.Storage.FaultInjection.Checking;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>
/// One scenario's outcome: the checker's report, the recovery time (for the combined scenario the longest of its
/// faults'), how long the read model took to converge after the last write (null: it did not) and what happened on the way.
/// </summary>
public sealed record ScenarioResult(FaultScenario Scenario, string EntityType, CheckReport Report, TimeSpan? Recovery, TimeSpan? ReadModelConvergence, TimeSpan Elapsed, IReadOnlyList<string> Notes)
{
    public bool Passed => Report.Passed && Recovery is not null && ReadModelConvergence is not null;
}
