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

    public IReadOnlySet<string> Scenarios { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "W1", "W2", "R1", "H1", "A1", "F1", "G1", "RB", "M1" };

    public int LongHistory => Smoke ? 300 : 10_000;

    public int ColdEntities => Smoke ? 3 : 20;

    public int HistoryWrites => Smoke ? 20 : 300;

    public int MemoryEntities => Smoke ? 1_000 : 100_000;

    public int EntitiesPerCaller => 8;

    /// <summary>Journal versions the RB scenario rebuilds from. The default value is 1,000,000.</summary>
    public int RebuildVersions { get; init; } = 1_000_000;
}
