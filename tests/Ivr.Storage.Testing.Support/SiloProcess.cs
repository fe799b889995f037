using System.Diagnostics;
using System.Globalization;

namespace Ivr.Storage.Testing;

/// <summary>
/// A real silo process (silo/Ivr.Storage.Silo) on loopback, for tests that must kill, pause or signal a process.
/// Ports are derived from a port offset so several can run side by side.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>Silo port of offset 0; a silo of offset <c>n</c> listens on this plus <c>n</c>.</summary>
    public const int BaseSiloPort = 12000;

    /// <summary>Gateway (client) port of offset 0.</summary>
    public const int BaseGatewayPort = 16000;

    /// <summary>HTTP port (dashboard) of offset 0.</summary>
    public const int BaseHttpPort = 20000;

    /// <summary>Management port (<c>/alive</c>, <c>/health/ready</c>, <c>/metrics</c>) of offset 0, as deployments configure it.</summary>
    public const int BaseManagementPort = 24000;

    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process, int portOffset)
    {
        _process = process;
        SiloPort = BaseSiloPort + portOffset;
        GatewayPort = BaseGatewayPort + portOffset;
        HttpPort = BaseHttpPort + portOffset;
        ManagementPort = BaseManagementPort + portOffset;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public int ManagementPort { get; }

    public int ProcessId => _process.Id;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int? ExitCode => _process.ExitCode;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the silo wrote so far.</summary>
    public string Output => _process.Output;

    /// <summary>Starts a silo of cluster <paramref name="clusterId"/> against the local PostgreSQL and Redis (<see cref="TestServices"/>).</summary>
    public static SiloProcess Start(string clusterId, int portOffset, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Journal"] = TestServices.JournalConnectionString,
            ["ConnectionStrings__Redis"] = TestServices.RedisConnectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__RedisEntryExpiry"] = "00:10:00",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return StartWith(portOffset, environment);
    }

    /// <summary>
    /// Starts a silo configured by <paramref name="environment"/> alone (connection strings, cluster id, every
    /// setting but its ports, which come from <paramref name="portOffset"/>).
    /// </summary>
    public static SiloProcess StartWith(int portOffset, IReadOnlyDictionary<string, string> environment)
    {
        var silo = TestPaths.HostAssembly("silo/Ivr.Storage.Silo");
        // The content root is the working directory: from the output directory the silo reads its own
        // appsettings.json, as under run.sh and cluster.sh, not whatever lies beside the test assembly.
        var start = new ProcessStartInfo("dotnet", [silo]) { WorkingDirectory = Path.GetDirectoryName(silo) };
        // Every test silo: the test CA's silo certificate, and the test caller (environment may override both).
        foreach (var (name, value) in SiloConfiguration.AsEnvironment(SiloConfiguration.Security()))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["Orleans__SiloPort"] = (BaseSiloPort + portOffset).ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = (BaseGatewayPort + portOffset).ToString(CultureInfo.InvariantCulture);
        start.Environment["Http__Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{BaseHttpPort + portOffset}");
        start.Environment["Management__Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{BaseManagementPort + portOffset}");
        return new SiloProcess(ChildProcess.Start(start, keptLines: int.MaxValue), portOffset);
    }

    /// <summary>Waits (bounded) until the silo accepts client connections on its gateway port.</summary>
    public Task WaitUntilListeningAsync(TimeSpan timeout) => _process.WaitForPortAsync(GatewayPort, timeout);

    /// <summary>
    /// Waits (bounded) until the silo's host finished starting: its HTTP port opens last, after Orleans' whole
    /// lifecycle (a WebApplication starts its server after every other hosted service). The gateway port opens
    /// while the silo is still joining, and a SIGTERM before this point fails the start-up instead of draining a member.
    /// </summary>
    public Task WaitUntilStartedAsync(TimeSpan timeout) => _process.WaitForPortAsync(HttpPort, timeout);

    /// <summary>Sends SIGTERM and waits (bounded) for a graceful exit; returns the exit code.</summary>
    /// <exception cref="TimeoutException">Still running after <paramref name="timeout"/>.</exception>
    public Task<int> TerminateAsync(TimeSpan timeout) => _process.StopAsync(PosixSignals.Sigterm, timeout);

    /// <summary>kill -9: no goodbye, no cleanup.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
