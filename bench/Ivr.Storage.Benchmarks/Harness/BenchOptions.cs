namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>What to run and how long. Smoke mode shrinks everything to seconds (used by the test suite).</summary>
internal sealed record BenchOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured load before each throughput run (ours and baselines alike). The default value is 3 s.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public int Concurrency { get; init; } = 64;

    public bool Smoke { get; init; }

    public string OutputPath { get; init; } = "bench-results.json";

    /// <summary>Scenario ids to run (see <see cref="Scenarios.ScenarioCatalog"/>). The default value is every scenario.</summary>
    public IReadOnlySet<string> Scenarios { get; init; } = Benchmarks.Scenarios.ScenarioCatalog.All.Select(s => s.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rounds: every chosen scenario runs once per round, the order rotated by one each round. The default value is 1.</summary>
    public int Repeat { get; init; } = 1;

    public int LongHistory => Smoke ? 300 : 10_000;

    public int ColdEntities => Smoke ? 3 : 20;

    public int HistoryWrites => Smoke ? 20 : 300;

    public int MemoryEntities => Smoke ? 1_000 : 100_000;

    public int EntitiesPerCaller => 8;

    /// <summary>Journal versions the RB scenario rebuilds from. The default value is 1,000,000.</summary>
    public int RebuildVersions { get; init; } = 1_000_000;

    /// <summary>Leaves of the synthetic transparency log D2 proves from. The default value is 10,000,000 (the size).</summary>
    public int TreeLeaves { get; init; } = 10_000_000;

    /// <summary>Versions of the export D3 has the offline verifier check. The default value is 100,000.</summary>
    public int ExportVersions { get; init; } = 100_000;
}
