using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Ivr.Storage.Testing;

/// <summary>
/// A real silo process (silo/Ivr.Storage.Silo) on loopback, for tests that must kill, pause or signal a process.
/// Ports are derived from <paramref name="portOffset"/> so several can run side by side.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int siloPort, int gatewayPort, int httpPort, int managementPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
        ManagementPort = managementPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Silo port of offset 0; a silo of offset <c>n</c> listens on this plus <c>n</c>.</summary>
    public const int BaseSiloPort = 21111;

    /// <summary>Gateway (client) port of offset 0.</summary>
    public const int BaseGatewayPort = 40000;

    /// <summary>HTTP port (dashboard) of offset 0.</summary>
    public const int BaseHttpPort = 18080;

    /// <summary>Management port (<c>/alive</c>, <c>/health/ready</c>, <c>/metrics</c>) of offset 0, as deployments configure it.</summary>
    public const int BaseManagementPort = 50000;

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public int ManagementPort { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a silo of cluster <paramref name="clusterId"/> against the local PostgreSQL and Redis.</summary>
    public static SiloProcess Start(string clusterId, int portOffset, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var siloPort = BaseSiloPort + portOffset;
        var gatewayPort = BaseGatewayPort + portOffset;
        var httpPort = BaseHttpPort + portOffset;
        var managementPort = BaseManagementPort + portOffset;
        var silo = TestPaths.HostAssembly("silo/Ivr.Storage.Silo");
        var start = new ProcessStartInfo("dotnet", [silo])
        {
            // The content root is the working directory: from the output directory the silo reads its own
            // appsettings.json, as under run.sh and cluster.sh, not whatever lies beside the test assembly.
            WorkingDirectory = Path.GetDirectoryName(silo),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Journal"] = TestServices.JournalConnectionString;
        start.Environment["ConnectionStrings__Redis"] = TestServices.RedisConnectionString;
        start.Environment["Orleans__ClusterId"] = clusterId;
        start.Environment["Orleans__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Orleans__RedisEntryExpiry"] = "00:10:00";
        start.Environment["Http__Url"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Management__Url"] = $"http://127.0.0.1:{managementPort}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        return new SiloProcess(process, siloPort, gatewayPort, httpPort, managementPort);
    }

    /// <summary>Waits (bounded) until the silo accepts client connections on its gateway port.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before listening:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", GatewayPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"The silo did not open gateway port {GatewayPort} within {timeout}:\n{Output}");
    }

    /// <summary>Sends SIGTERM and waits (bounded) for a graceful exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        PosixSignals.Send(_process.Id, PosixSignals.Sigterm);
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no goodbye, no cleanup.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
