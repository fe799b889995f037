using System.Diagnostics;
using System.Text;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>Runs a short command to completion (bounded), capturing its output.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="file"/>; as root with <paramref name="asPostgres"/>, as user postgres (runuser).</summary>
    /// <exception cref="InvalidOperationException">Non-zero exit code, or no exit within <paramref name="timeout"/>.</exception>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, bool asPostgres = false)
    {
        var args = arguments.ToList();
        if (asPostgres && Environment.UserName == "root")
        {
            args.InsertRange(0, ["-u", "postgres", "--", file]);
            file = "runuser";
        }

        // cd / first: postgres may not be allowed to read the caller's working directory.
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return process.ExitCode == 0
            ? output.ToString()
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {output}");
    }
}
