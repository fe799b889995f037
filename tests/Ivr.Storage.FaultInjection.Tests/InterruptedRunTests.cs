using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>
/// Ctrl-C of the fault-injection program (the long form runs for half an hour; people interrupt it) stops every
/// process it started: silos, gateway, its private PostgreSQL and Redis. Before, System.CommandLine ended the process
/// two seconds after the signal and all of them ran on. The program is started the way a CI script's background job
/// starts it, with SIGINT ignored (it then dropped the signal, ran to the end and exited 0), and interrupted while a
/// silo is paused by SIGSTOP, the phase in which that was seen. In the suite's collection, so it does not load the machine
/// while a scenario measures recovery.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed partial class InterruptedRunTests
{
    // Generous: they only bound a failure. On a 2-core machine shared with other builds, three silos, the client and
    // the gateway took more than two minutes to come up.
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FaultBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task sigint_during_a_scenario_stops_every_process_of_the_run_and_exits_130()
    {
        var program = TestPaths.HostAssembly("tests/Ivr.Storage.FaultInjection");
        Assert.True(await SigintIgnoredInAsync("grep", "SigIgn", "/proc/self/status"), "the launch below ignores SIGINT");
        await using var run = ChildProcess.Start(WithSigintIgnored("dotnet", program, "--scenario", "combined", "--duration", "60"));
        try
        {
            var services = ServicesLine().Match(await run.WaitForLineAsync(ServicesLine().IsMatch, StartBound));
            var (postgresPort, redisPort, clusterId) = (int.Parse(services.Groups[1].Value), int.Parse(services.Groups[2].Value), services.Groups[3].Value);
            await run.WaitForLineAsync(line => line.Contains("load on", StringComparison.Ordinal), StartBound);
            Assert.NotEmpty(ProcessesOfCluster(clusterId));
            // Into the faults: a silo is paused (kill -9 of another came first).
            await run.WaitForLineAsync(PausedLine().IsMatch, FaultBound);

            run.Signal(PosixSignals.Sigint);
            var exitCode = await run.WaitForExitAsync(StopBound);

            Assert.True(130 == exitCode, $"exit code {exitCode}:\n{run.Output}");
            Assert.Empty(ProcessesOfCluster(clusterId));
            Assert.False(await AcceptsAsync(postgresPort), "the private PostgreSQL was stopped");
            Assert.False(await AcceptsAsync(redisPort), "the private Redis was stopped");
        }
        finally
        {
            await StopIfRunningAsync(run);
        }
    }

    /// <summary>
    /// After a failure: SIGTERM, which the program answers by stopping its cluster. Killing it outright (what disposing
    /// does) would leave its PostgreSQL running: pg_ctl starts the server outside the program's process tree.
    /// </summary>
    private static async Task StopIfRunningAsync(ChildProcess run)
    {
        if (run.HasExited)
        {
            return;
        }

        try
        {
            await run.StopAsync(PosixSignals.Sigterm, StopBound);
        }
        catch (TimeoutException)
        {
            // Disposal kills it.
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> as `command &amp;` in a script would: sh ignores SIGINT and execs the command in its
    /// place (same pid), which inherits the ignored disposition.
    /// </summary>
    private static ProcessStartInfo WithSigintIgnored(params string[] command) =>
        new("sh", ["-c", "trap '' INT; exec \"$@\"", "sh", .. command]);

    /// <summary>Whether <see cref="WithSigintIgnored"/> really hands the command an ignored SIGINT (bit 2 of the SigIgn mask).</summary>
    private static async Task<bool> SigintIgnoredInAsync(params string[] command)
    {
        await using var probe = ChildProcess.Start(WithSigintIgnored(command));
        await probe.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var mask = probe.Output.Split(':', 2)[1].Trim();
        return (Convert.ToUInt64(mask, 16) & (1UL << (PosixSignals.Sigint - 1))) != 0;
    }

    [GeneratedRegex(@"private PostgreSQL on 127\.0\.0\.1:(\d+), Redis on 127\.0\.0\.1:(\d+), cluster (\S+)")]
    private static partial Regex ServicesLine();

    [GeneratedRegex(@"fault sigstop: silo \d+ \(pid \d+\) paused")]
    private static partial Regex PausedLine();

    /// <summary>Processes whose environment names the run's cluster id (its silos and gateway).</summary>
    private static List<int> ProcessesOfCluster(string clusterId)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (environment.Contains("ClusterId=" + clusterId, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or another user's process.
            }
        }

        return found;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
