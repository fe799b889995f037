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
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromMinutes(4));

        Assert.True(exitCode == 0, $"harness exited with {exitCode}\n{run.Output}");
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var ids = results.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("Id").GetString()!).ToArray();
        Assert.Equal(["W1", "W1", "W1", "W2", "R1", "H1", "A1", "F1", "G1", "G1", "RB", "M1"], ids);
        foreach (var result in results.RootElement.GetProperty("results").EnumerateArray())
        {
            Assert.True(result.GetProperty("Ours").GetProperty("Operations").GetInt64() > 0);
            if (result.GetProperty("Id").GetString() != "M1")
            {
                Assert.True(result.GetProperty("Baseline").GetProperty("Operations").GetInt64() > 0);
            }

            Assert.True(result.GetProperty("Ratio").GetDouble() > 0);
            // The throughput scenarios meter the CPU of load generator, silo and database backends per operation.
            if (result.GetProperty("Id").GetString() is "W1" or "W2" or "R1")
            {
                Assert.True(result.GetProperty("Ours").GetProperty("CpuMicrosecondsPerOperation").GetDouble() > 0);
                Assert.True(result.GetProperty("Baseline").GetProperty("CpuMicrosecondsPerOperation").GetDouble() > 0);
                // Our path runs in all three processes, so each share of the split is positive.
                var split = result.GetProperty("Ours").GetProperty("CpuSplitPerOperation");
                Assert.True(split.GetProperty("LoadGenerator").GetDouble() > 0);
                Assert.True(split.GetProperty("Silo").GetDouble() > 0);
                if (result.GetProperty("Id").GetString() is not "R1")
                {
                    Assert.True(split.GetProperty("Database").GetDouble() > 0);
                }
            }
        }

        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await using var leftovers = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", admin);
        leftovers.Parameters.Add(new() { Value = results.RootElement.GetProperty("context").GetProperty("database").GetString() });
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
        File.Delete(output);
    }
}
