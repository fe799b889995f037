using Ivr.Storage.FaultInjection.Checking;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>One scenario's outcome: the checker's report, the recovery time and what happened on the way.</summary>
public sealed record ScenarioResult(FaultScenario Scenario, string EntityType, CheckReport Report, TimeSpan? Recovery, TimeSpan Elapsed, IReadOnlyList<string> Notes)
{
    public bool Passed => Report.Passed && Recovery is not null;
}
