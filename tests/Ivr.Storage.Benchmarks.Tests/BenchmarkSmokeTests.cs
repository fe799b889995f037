using System.Diagnostics;
using System.Text.Json;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Tests;

/// <summary>
/// Keeps the benchmark harness from rotting: a seconds-long run of every scenario must finish and report each
/// next to its baseline. Timings are not asserted here; targets live in the harness, not in tests.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task the_harness_runs_every_scenario_beside_its_baseline_and_cleans_up()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var output = Path.Combine(Path.GetTempPath(), $"bench-smoke-{Guid.NewGuid():N}.json");
        var harness = TestPaths.HostAssembly("bench/Ivr.Storage.Benchmarks");
        await using var run = ChildProcess.Start(new ProcessStartInfo("dotnet", [harness, "--smoke", "--output", output]), keptLines: int.MaxValue);
        // Every scenario of the catalogue with its drained start (VACUUM, CHECKPOINT), T1 with a second session of its
        // own, MQ1 with a relaying one: about 4 minutes on a 2-core machine at load average 40. The bound is for a hung run, not a timing.
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(10));

        Assert.True(exitCode == 0, $"harness exited with {exitCode}\n{run.Output}");
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var runs = results.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["W1", "W2", "R1", "T1", "L1", "H1", "A1", "F1", "G1", "RB", "M1", "D1", "D2", "D3", "WS", "VS", "MQ1"], runs.Select(r => r.GetProperty("Scenario").GetString()));
        foreach (var scenarioRun in runs)
        {
            // Each scenario started from a drained state (projection caught up or stopped, VACUUM and CHECKPOINT done).
            var drain = scenarioRun.GetProperty("Drain");
            Assert.True(drain.GetProperty("TotalSeconds").GetDouble() > 0);
            Assert.True(drain.GetProperty("CheckpointSeconds").GetDouble() > 0);
            Assert.Equal(scenarioRun.GetProperty("Scenario").GetString() == "F1", drain.GetProperty("Projection").GetBoolean());
            var comparisons = scenarioRun.GetProperty("Results").EnumerateArray().ToArray();
            Assert.NotEmpty(comparisons);
            foreach (var result in comparisons)
            {
                AssertMeasured(result);
            }
        }

        var t1 = runs.Single(r => r.GetProperty("Scenario").GetString() == "T1").GetProperty("Results").EnumerateArray()
            .Select(r => r.GetProperty("Scenario").GetString()).ToArray();
        Assert.Contains("writes (W1): mutual TLS ÷ TLS off", t1);
        Assert.Contains("reads (R1): mutual TLS ÷ TLS off", t1);
        // One spread row (min/median/max over the rounds) per comparison of the round.
        Assert.Equal(runs.Sum(r => r.GetProperty("Results").GetArrayLength()), results.RootElement.GetProperty("spread").GetArrayLength());

        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await using var leftovers = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin);
        leftovers.Parameters.Add(new() { Value = results.RootElement.GetProperty("context").GetProperty("database").GetString() });
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
        File.Delete(output);
    }

    private static void AssertMeasured(JsonElement result)
    {
        var id = result.GetProperty("Id").GetString();
        var scenario = result.GetProperty("Scenario").GetString()!;
        Assert.True(result.GetProperty("Ours").GetProperty("Operations").GetInt64() > 0, scenario);
        Assert.True(result.GetProperty("Ratio").GetDouble() > 0, scenario);
        // Only memory (M1) and the in-process caller-token cost (T1) have no baseline run.
        if (id != "M1" && !scenario.StartsWith("caller token", StringComparison.Ordinal))
        {
            Assert.True(result.GetProperty("Baseline").GetProperty("Operations").GetInt64() > 0, scenario);
        }

        // The throughput scenarios meter the CPU of load generator, silo and database backends per operation.
        if (id is "W1" or "W2" or "R1")
        {
            Assert.True(result.GetProperty("Ours").GetProperty("CpuMicrosecondsPerOperation").GetDouble() > 0, scenario);
            Assert.True(result.GetProperty("Baseline").GetProperty("CpuMicrosecondsPerOperation").GetDouble() > 0, scenario);
            // Our path runs in all three processes, so each share of the split is positive.
            var split = result.GetProperty("Ours").GetProperty("CpuSplitPerOperation");
            Assert.True(split.GetProperty("LoadGenerator").GetDouble() > 0, scenario);
            Assert.True(split.GetProperty("Silo").GetDouble() > 0, scenario);
            if (id is not "R1")
            {
                Assert.True(split.GetProperty("Database").GetDouble() > 0, scenario);
            }
        }
    }
}
