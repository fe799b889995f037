using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>
/// A redis-server child process of the suite's own on a free 127.0.0.1 port, without snapshots or AOF while it
/// runs. <see cref="StopAsync"/> is <c>SHUTDOWN SAVE</c>, so a restart on the same port finds the membership table
/// again, as a production Redis with persistence or a replica would; the outage itself is real (connections
/// refused for its whole length).
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _directory;
    private readonly Lock _gate = new();
    private ChildProcess? _process;
    private bool _disposed;

    private PrivateRedis(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public static async Task<PrivateRedis> StartAsync()
    {
        var redis = new PrivateRedis(Directory.CreateTempSubdirectory("ivr-fault-redis-").FullName, FreePorts.Any());
        try
        {
            await redis.StartAgainAsync();
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and waits (bounded) until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        // Everything goes to the log file; nothing is written to the inherited console.
        var start = new ProcessStartInfo("redis-server",
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no",
            "--dir", _directory, "--dbfilename", "dump.rdb", "--daemonize", "no", "--logfile", Path.Combine(_directory, "redis.log"),
        ]);
        var process = ChildProcess.Start(start);
        ChildProcess? stopped;
        bool disposed;
        lock (_gate)
        {
            (disposed, stopped) = (_disposed, _process);
            if (!disposed)
            {
                _process = process;
            }
        }

        if (disposed)
        {
            // Disposed meanwhile (the suite was interrupted during an outage): this server must not outlive it.
            await process.DisposeAsync();
            throw new ObjectDisposedException(nameof(PrivateRedis));
        }

        if (stopped is not null)
        {
            await stopped.DisposeAsync();
        }

        await Eventually.HoldsAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"redis-server exited with {process.ExitCode}; log: {Path.Combine(_directory, "redis.log")}")
                : await PingAsync(),
            Bound,
            () => $"redis-server on port {Port} did not answer PING");
    }

    /// <summary>SHUTDOWN SAVE, then waits (bounded) for the process to exit; kills it if it does not.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        try
        {
            await ChildProcess.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "SHUTDOWN", "SAVE"], Bound);
        }
        catch (InvalidOperationException)
        {
            // redis-cli reports the dropped connection of a successful SHUTDOWN as an error on some versions.
        }

        try
        {
            await _process.WaitForExitAsync(Bound);
        }
        catch (TimeoutException)
        {
            _process.Kill();
            await _process.WaitForExitAsync(Bound);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            var answer = await ChildProcess.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "PING"], TimeSpan.FromSeconds(5));
            return answer.Contains("PONG", StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
