using System.Diagnostics;
using System.Net.Sockets;

namespace Ivr.Storage.Testing;

/// <summary>
/// A process a test, the fault suite or the benchmark harness starts and owns: its output (stdout and stderr, line by
/// line) is captured, the last <c>keptLines</c> of it kept for failure messages; it can be waited for (a port, a
/// line, its exit: each bounded, each failing at once with the output when the process exits first), signalled, and
/// stopped with every process below it. Disposing it kills whatever still runs.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>Lines of output kept for messages. The default value is 1000.</summary>
    public const int DefaultKeptLines = 1000;

    private readonly Process _process;
    private readonly Action<string>? _onLine;
    private readonly int _keptLines;
    private readonly Queue<string> _output = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Task _exited;

    private ChildProcess(Process process, string name, int keptLines, Action<string>? onLine)
    {
        _process = process;
        _keptLines = keptLines;
        _onLine = onLine;
        Name = name;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Completes once the process exited and both streams reached their end: every line has been seen then.
        _exited = process.WaitForExitAsync();
    }

    /// <summary>What failure messages call it: the program (for <c>dotnet x.dll</c>, x) and its pid.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines it wrote (stdout and stderr as they came).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="start"/> with its output redirected (whatever the start info said about that);
    /// <paramref name="onLine"/> sees every line as it comes, on a thread of its own.
    /// </summary>
    public static ChildProcess Start(ProcessStartInfo start, int keptLines = DefaultKeptLines, Action<string>? onLine = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var program = start.FileName == "dotnet" && start.ArgumentList.Count > 0
            ? Path.GetFileNameWithoutExtension(start.ArgumentList[0])
            : Path.GetFileName(start.FileName);
        return new ChildProcess(process, $"{program} (pid {process.Id})", keptLines, onLine);
    }

    /// <summary>Runs a short command to completion and returns its output.</summary>
    /// <exception cref="InvalidOperationException">A non-zero exit code, or no exit within <paramref name="timeout"/> (the command is then killed).</exception>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, arguments);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        await using var command = Start(start, keptLines: int.MaxValue);
        var commandLine = $"{file} {string.Join(' ', start.ArgumentList)}";
        int exitCode;
        try
        {
            exitCode = await command.WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"{commandLine} did not finish within {timeout}:\n{command.Output}");
        }

        return exitCode == 0
            ? command.Output
            : throw new InvalidOperationException($"{commandLine} exited with {exitCode}: {command.Output}");
    }

    /// <summary>Waits until 127.0.0.1:<paramref name="port"/> accepts a connection.</summary>
    /// <exception cref="InvalidOperationException">The process exited first.</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>.</exception>
    public Task WaitForPortAsync(int port, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            async () =>
            {
                ThrowIfExited($"before it opened port {port}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port);
                    return true;
                }
                catch (SocketException)
                {
                    return false;
                }
            },
            timeout,
            () => $"{Name} did not open port {port}:\n{Output}");

    /// <summary>
    /// Waits for a line that <paramref name="match"/> accepts, among the kept lines already written or the ones to
    /// come, and returns it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The process exited without writing one.</exception>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.FirstOrDefault(match) is { } written)
            {
                return written;
            }

            _waiters.Add((match, found));
        }

        try
        {
            using var bound = new CancellationTokenSource(timeout);
            await Task.WhenAny(found.Task, _exited, Task.Delay(Timeout.Infinite, bound.Token));
            if (found.Task.IsCompleted)
            {
                return await found.Task;
            }

            ThrowIfExited("without writing the line waited for");
            throw new TimeoutException($"{Name} did not write the line waited for within {timeout}:\n{Output}");
        }
        finally
        {
            lock (_output)
            {
                _waiters.RemoveAll(waiter => waiter.Found == found);
            }
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="timeout"/>; the process still runs.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (see <see cref="PosixSignals"/>) to the process itself.</summary>
    public void Signal(int signal) => PosixSignals.Send(Id, signal);

    /// <summary>Sends <paramref name="signal"/> and waits for the exit; returns the exit code.</summary>
    /// <exception cref="TimeoutException">No exit within <paramref name="timeout"/>; the process still runs.</exception>
    public Task<int> StopAsync(int signal, TimeSpan timeout)
    {
        Signal(signal);
        return WaitForExitAsync(timeout);
    }

    /// <summary>SIGKILL to the process and every process below it: no goodbye, no cleanup.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await _exited;
        _process.Dispose();
    }

    private void ThrowIfExited(string what)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} {what}:\n{Output}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > _keptLines)
            {
                _output.Dequeue();
            }

            foreach (var (match, found) in _waiters.Where(waiter => waiter.Match(line)))
            {
                found.TrySetResult(line);
            }
        }

        _onLine?.Invoke(line);
    }
}
