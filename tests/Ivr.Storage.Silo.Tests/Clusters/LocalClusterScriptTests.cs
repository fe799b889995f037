using Ivr.Storage.Testing;
using Xunit.Abstractions;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// deploy/local/cluster.sh for real: three silo processes and the HTTP gateway on Redis clustering, writes through the
/// gateway while one silo gets SIGTERM, not one failed request, worker.sh's sample worker served, and after <c>stop</c>
/// no process of the cluster left.
/// </summary>
public sealed class LocalClusterScriptTests(ITestOutputHelper output)
{
    private const string EntityType = "script-cluster";
    private const int Writers = 8;
    private const int EntitiesPerWriter = 8;
    private static readonly TimeSpan PhaseTimeout = TimeSpan.FromSeconds(60);

    // The silo's default grace period (30 s) plus time for the process to go.
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(45);

    // The development gateway allows 100 writes a minute per caller; this test's load is the point, not that limit.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Gateway__WritesPerMinute"] = "10000000",
        ["Gateway__ReadsPerMinute"] = "10000000",
        // Each run has a cluster id of its own: let Redis forget it.
        ["Orleans__RedisEntryExpiry"] = "00:10:00",
    };

    [Fact]
    public async Task cluster_sh_serves_gateway_writes_without_a_failed_request_while_a_silo_is_sigtermed_and_stop_leaves_no_process()
    {
        await TestServices.RequirePostgresAsync();
        await TestServices.RequireRedisAsync();
        var run = Guid.NewGuid().ToString("N")[..12];
        await using var cluster = new LocalClusterScript(silos: 3, Settings);

        var started = await cluster.StartAsync();
        Assert.True(started.ExitCode == 0, $"cluster.sh start exited with {started.ExitCode}:\n{started.Output}\n{cluster.Logs()}");
        var pids = cluster.PidFiles();
        Assert.Equal(["gateway", "silo-0", "silo-1", "silo-2"], pids.Keys.Order());
        Assert.All(pids, pid => Assert.Contains(cluster.ClusterId, ProcessTable.CommandLine(pid.Value), StringComparison.Ordinal));

        using var http = new HttpClient { BaseAddress = cluster.GatewayUrl, Timeout = TimeSpan.FromSeconds(90) };
        // Still up and ready before the load (a CI run once met a closed gateway port here; this names why, with the logs).
        await HttpProbe.WaitForStatusAsync(http, new Uri(cluster.GatewayManagementUrl, "/health/ready").ToString(), System.Net.HttpStatusCode.OK, PhaseTimeout, () => cluster.Logs());
        await using (var load = WriteLoad.Start(Writers, (writer, sequence) => $"{run}-{writer}-{sequence % EntitiesPerWriter}", GatewayWrites.Put(http, EntityType)))
        {
            await load.WaitForAcknowledgedAsync(3 * Writers * EntitiesPerWriter, PhaseTimeout);
            var beforeSignal = load.AcknowledgedCount;
            PosixSignals.Send(pids["silo-1"], PosixSignals.Sigterm);
            await WaitForExitAsync(pids["silo-1"], cluster);
            output.WriteLine($"{load.AcknowledgedCount - beforeSignal} writes acknowledged while silo-1 shut down");
            Assert.True(load.AcknowledgedCount > beforeSignal, $"writes continued while silo-1 shut down ({load.Describe()})");
            await load.WaitForAcknowledgedAsync(load.AcknowledgedCount + 5 * Writers * EntitiesPerWriter, PhaseTimeout);
            await load.StopAsync();

            output.WriteLine(load.Describe());
            Assert.True(load.Failures.Count == 0, $"no request failed ({load.Describe()}):\n{string.Join('\n', load.Failures.Take(10))}\n{cluster.Logs()}");
            await RedisMembership.AssertLeftAsync(cluster.ClusterId, cluster.SiloPort(1));
            await JournalChains.AssertHoldExactlyAsync(EntityType, run, load.Acknowledged);
            await LatestVersions.AssertReadBackAsync(load.Acknowledged, GatewayWrites.Get(http, EntityType));
        }

        // The README's "same from .NET": worker.sh finds this cluster and speaks as the development caller.
        var worker = await cluster.RunSampleWorkerAsync();
        Assert.True(worker.ExitCode == 0, $"worker.sh exited with {worker.ExitCode}:\n{worker.Output}");
        Assert.Contains("verify -> valid, 3 versions checked", worker.Output, StringComparison.Ordinal);

        var stopped = await cluster.StopAsync();
        output.WriteLine(stopped.Output);
        Assert.True(stopped.ExitCode == 0, $"cluster.sh stop exited with {stopped.ExitCode}:\n{stopped.Output}");
        Assert.All(pids, pid => Assert.False(ProcessTable.IsRunning(pid.Value), $"{pid.Key} (pid {pid.Value}) is gone"));
        Assert.Empty(ProcessTable.Carrying(cluster.ClusterId));
        Assert.Empty(cluster.PidFiles());
    }

    /// <summary>Waits (bounded) until the SIGTERMed process is gone; it is not this test's child, so /proc tells.</summary>
    private static Task WaitForExitAsync(int pid, LocalClusterScript cluster) =>
        Eventually.HoldsAsync(() => !ProcessTable.IsRunning(pid), ExitTimeout, () => $"pid {pid} did not exit after SIGTERM\n{cluster.Logs()}");
}
