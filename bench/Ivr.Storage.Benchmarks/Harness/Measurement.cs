namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>Throughput and latency of one measured run.</summary>
internal sealed record Measurement(string Name, int Concurrency, long Operations, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Seconds > 0 ? Operations / Seconds : 0;

    /// <summary>CPU of load generator, silo and PostgreSQL backends per operation (see <see cref="CpuMeter"/>); null when not metered.</summary>
    public double? CpuMicrosecondsPerOperation { get; init; }

    /// <summary>The same CPU split into load generator / silo / PostgreSQL backends, µs per operation; null when not metered.</summary>
    public CpuSplit? CpuSplitPerOperation { get; init; }

    /// <summary>The rate an open-loop run issued operations at; null for closed-loop runs.</summary>
    public double? OfferedPerSecond { get; init; }

    /// <summary>An open-loop run's slowest operation in each of its worst episodes: when it was due (seconds into the window) and how long it took.</summary>
    public IReadOnlyList<SlowOperation>? Slowest { get; init; }

    /// <summary>Stopwatch timestamp at which the measured window opened (lines <see cref="Slowest"/> up with other samples; not for JSON readers).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long WindowStartTimestamp { get; init; }

    public static Measurement FromLatencies(string name, int concurrency, double seconds, List<double> latenciesMs)
    {
        latenciesMs.Sort();
        return new Measurement(name, concurrency, latenciesMs.Count, seconds, Percentile(latenciesMs, 0.50), Percentile(latenciesMs, 0.99), latenciesMs.Count == 0 ? 0 : latenciesMs[^1]);
    }

    private static double Percentile(List<double> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}

/// <summary>CPU per operation by process: the load generator (this process and its Orleans client), the silo, PostgreSQL.</summary>
internal sealed record CpuSplit(double LoadGenerator, double Silo, double Database);

/// <summary>One slow operation of an open-loop run: due this many seconds into the measured window, and its latency.</summary>
internal sealed record SlowOperation(double DueAtSeconds, double LatencyMs);
