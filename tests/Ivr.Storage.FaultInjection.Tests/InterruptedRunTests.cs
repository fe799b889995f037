using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>
/// Ctrl-C of the fault-injection program (the long form runs for half an hour; people interrupt it) stops every
/// process it started: silos, gateway, its private PostgreSQL and Redis. Before, System.CommandLine ended the process
/// two seconds after the signal and all of them ran on. In the suite's collection, so it does not load the machine
/// while a scenario measures recovery.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed partial class InterruptedRunTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task sigint_during_a_scenario_stops_every_process_of_the_run_and_exits_130()
    {
        var output = new StringBuilder();
        var program = TestPaths.HostAssembly("tests/Ivr.Storage.FaultInjection");
        var start = new ProcessStartInfo("dotnet", [program, "--scenario", "combined", "--duration", "60"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = Stopwatch.StartNew();
            while (!Text(output).Contains("load on", StringComparison.Ordinal))
            {
                Assert.False(process.HasExited, $"the program exited before its load started:\n{Text(output)}");
                Assert.True(started.Elapsed < StartBound, $"no load within {StartBound}:\n{Text(output)}");
                await Task.Delay(250);
            }

            var services = ServicesLine().Match(Text(output));
            Assert.True(services.Success, $"the program names its services:\n{Text(output)}");
            var (postgresPort, redisPort, clusterId) = (int.Parse(services.Groups[1].Value), int.Parse(services.Groups[2].Value), services.Groups[3].Value);
            Assert.NotEmpty(ProcessesOfCluster(clusterId));
            // Into the faults, which start a third of the way in (kill -9 of a silo first).
            await Task.Delay(TimeSpan.FromSeconds(25));

            PosixSignals.Send(process.Id, PosixSignals.Sigint);
            using (var bound = new CancellationTokenSource(StopBound))
            {
                await process.WaitForExitAsync(bound.Token);
            }

            Assert.True(130 == process.ExitCode, $"exit code {process.ExitCode}:\n{Text(output)}");
            Assert.Empty(ProcessesOfCluster(clusterId));
            Assert.False(await AcceptsAsync(postgresPort), "the private PostgreSQL was stopped");
            Assert.False(await AcceptsAsync(redisPort), "the private Redis was stopped");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"private PostgreSQL on 127\.0\.0\.1:(\d+), Redis on 127\.0\.0\.1:(\d+), cluster (\S+)")]
    private static partial Regex ServicesLine();

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

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
