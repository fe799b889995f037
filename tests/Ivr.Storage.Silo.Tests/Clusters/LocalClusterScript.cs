using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// deploy/local/cluster.sh run by a test with a cluster id, ports, pid directory and log directory of its own (the
/// script's IVR_* overrides), so it never meets a developer's cluster or run.sh on the default ports. It skips
/// services.sh (the test checked the services itself) and, when the tests run in Release, the build (the suite built it).
/// </summary>
internal sealed class LocalClusterScript : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ivr-cluster-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _offset;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly HashSet<int> _seenPids = [];

    public LocalClusterScript(int silos, IReadOnlyDictionary<string, string> settings)
    {
        Silos = silos;
        _settings = settings;
        _offset = FreeBlock(silos + 1);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Shows on every process's command line, so a leftover process of this test can be found.</summary>
    public string ClusterId { get; } = "script-test-" + Guid.NewGuid().ToString("N")[..8];

    public int Silos { get; }

    /// <summary>The HTTP gateway: the block's last offset, which no silo of this block uses.</summary>
    public Uri GatewayUrl => new($"http://127.0.0.1:{SiloProcess.BaseHttpPort + _offset + Silos}");

    /// <summary>The HTTP gateway's probes and metrics.</summary>
    public Uri GatewayManagementUrl => new($"http://127.0.0.1:{SiloProcess.BaseManagementPort + _offset + Silos}");

    public int SiloPort(int silo) => SiloProcess.BaseSiloPort + _offset + silo;

    public string RunDirectory => Path.Combine(_directory, "run");

    public Task<(int ExitCode, string Output)> StartAsync() => RunAsync(StartTimeout, "start", Silos.ToString(CultureInfo.InvariantCulture));

    public Task<(int ExitCode, string Output)> StopAsync() => RunAsync(StopTimeout, "stop");

    /// <summary>deploy/local/worker.sh against this cluster: the sample worker as the development caller ivr-sample-worker.</summary>
    public Task<(int ExitCode, string Output)> RunSampleWorkerAsync() => RunScriptAsync("worker.sh", StartTimeout);

    /// <summary>
    /// deploy/local/run.sh with this block's first silo ports and its gateway ports, in the foreground as a developer
    /// runs it: the caller waits for its banner and stops it with a signal.
    /// </summary>
    public ChildProcess StartRunScript()
    {
        // As a terminal starts it: with SIGINT at its default. A test host started in the background of a
        // non-interactive shell inherits SIGINT ignored, and bash cannot trap a signal ignored on entry.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "run.sh"));
        foreach (var (name, value) in ScriptEnvironment())
        {
            start.Environment[name] = value;
        }

        return ChildProcess.Start(start, keptLines: int.MaxValue);
    }

    /// <summary>Every pid file the script wrote (name → pid; the file holds "pid assembly").</summary>
    public IReadOnlyDictionary<string, int> PidFiles()
    {
        var pids = new Dictionary<string, int>();
        foreach (var file in Directory.Exists(RunDirectory) ? Directory.GetFiles(RunDirectory, "*.pid") : [])
        {
            var pid = int.Parse(File.ReadAllText(file).Split(' ')[0], CultureInfo.InvariantCulture);
            pids[Path.GetFileNameWithoutExtension(file)] = pid;
            lock (_seenPids)
            {
                _seenPids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>The last lines of every process's log, for failure messages.</summary>
    public string Logs(int lines = 30)
    {
        var text = new StringBuilder();
        foreach (var log in (Directory.Exists(LogDirectory) ? Directory.GetFiles(LogDirectory, "*.log") : []).Order())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"--- {Path.GetFileName(log)} (last {lines} lines)");
            foreach (var line in File.ReadAllLines(log).TakeLast(lines))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        // A test that failed half-way: stop what is left through the script, then kill only pids this test saw.
        PidFiles();
        int[] leftovers;
        lock (_seenPids)
        {
            leftovers = [.. _seenPids.Where(ProcessTable.IsRunning)];
        }

        if (leftovers.Length > 0)
        {
            await StopAsync();
            foreach (var pid in leftovers.Where(pid => ProcessTable.IsRunning(pid) && ProcessTable.CommandLine(pid).Contains(ClusterId, StringComparison.Ordinal)))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }

        Directory.Delete(_directory, recursive: true);
    }

    private string LogDirectory => Path.Combine(_directory, "logs");

    private Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] arguments) =>
        RunScriptAsync("cluster.sh", timeout, arguments);

    private async Task<(int ExitCode, string Output)> RunScriptAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in ScriptEnvironment())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await output}{await errors}\n{Logs()}");
        }

        return (process.ExitCode, await output + await errors);
    }

    private Dictionary<string, string> ScriptEnvironment()
    {
        var environment = new Dictionary<string, string>(_settings)
        {
            ["IVR_CLUSTER_ID"] = ClusterId,
            ["IVR_SILO_PORT"] = SiloPort(0).ToString(CultureInfo.InvariantCulture),
            ["IVR_GATEWAY_PORT"] = (SiloProcess.BaseGatewayPort + _offset).ToString(CultureInfo.InvariantCulture),
            ["IVR_DASHBOARD_PORT"] = (SiloProcess.BaseHttpPort + _offset).ToString(CultureInfo.InvariantCulture),
            ["IVR_HTTP_PORT"] = GatewayUrl.Port.ToString(CultureInfo.InvariantCulture),
            ["IVR_SILO_MANAGEMENT_PORT"] = (SiloProcess.BaseManagementPort + _offset).ToString(CultureInfo.InvariantCulture),
            ["IVR_HTTP_MANAGEMENT_PORT"] = GatewayManagementUrl.Port.ToString(CultureInfo.InvariantCulture),
            ["IVR_CLUSTER_RUN_DIR"] = RunDirectory,
            ["IVR_CLUSTER_LOG_DIR"] = LogDirectory,
            ["IVR_SKIP_SERVICES"] = "1",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        if (TestPaths.Configuration == "Release")
        {
            environment["IVR_SKIP_BUILD"] = "1";
        }

        return environment;
    }

    /// <summary>The first of <paramref name="count"/> offsets whose silo, gateway, HTTP and management ports are all free now (a bounded search).</summary>
    private static int FreeBlock(int count)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var offset = SiloPorts.NextBlock(count);
            if (Enumerable.Range(offset, count).All(FreePorts.SiloPortsFree))
            {
                return offset;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free port offsets found for the local cluster.");
    }
}
