namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>The command-line names of the scenarios (<c>kill9</c>, <c>sigstop</c>, <c>pg-restart</c>, <c>redis-outage</c>, <c>churn</c>, <c>combined</c>).</summary>
public static class ScenarioNames
{
    private static readonly Dictionary<FaultScenario, string> Names = new()
    {
        [FaultScenario.Kill9] = "kill9",
        [FaultScenario.Sigstop] = "sigstop",
        [FaultScenario.PgRestart] = "pg-restart",
        [FaultScenario.RedisOutage] = "redis-outage",
        [FaultScenario.Churn] = "churn",
        [FaultScenario.Combined] = "combined",
    };

    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Name(this FaultScenario scenario) => Names[scenario];

    /// <summary>One scenario by name, or every one for <c>all</c>.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IReadOnlyList<FaultScenario> Parse(string name)
    {
        if (name == "all")
        {
            return [.. Names.Keys];
        }

        foreach (var (scenario, known) in Names)
        {
            if (known == name)
            {
                return [scenario];
            }
        }

        throw new ArgumentException($"Unknown scenario '{name}'; expected one of {string.Join(", ", All)} or all.", nameof(name));
    }
}
