using System.Globalization;
using System.Runtime.InteropServices;

namespace Ivr.Storage.Testing;

/// <summary>
/// kill(2), for the signals <see cref="System.Diagnostics.Process"/> cannot send (it only sends SIGKILL, and only to
/// processes it started): SIGTERM for graceful stops, SIGSTOP/SIGCONT to pause a silo (fault injection), SIGINT as
/// Ctrl-C would; and a way out of an inherited ignored SIGINT.
/// </summary>
public static partial class PosixSignals
{
    public const int Sigint = 2;

    public const int Sigkill = 9;

    public const int Sigterm = 15;

    public const int Sigcont = 18;

    public const int Sigstop = 19;

    // signal(2)'s handler values.
    private const nint SigDfl = 0;
    private const nint SigErr = -1;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>, or throws naming the errno.</summary>
    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>
    /// Whether this process ignores <paramref name="signal"/> (SIG_IGN): the SigIgn mask of /proc/self/status.
    /// A non-interactive shell starts a background job (<c>command &amp;</c>) with SIGINT and SIGQUIT ignored, and
    /// every process below it inherits that.
    /// </summary>
    public static bool IsIgnored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    /// <summary>
    /// Gives an ignored <paramref name="signal"/> its default disposition back; returns whether it was ignored.
    /// .NET respects a signal ignored at start-up: <see cref="PosixSignalRegistration"/> (and System.CommandLine's
    /// Ctrl-C handling on top of it) then installs nothing and the kernel drops the signal. Must run before anything
    /// touches <see cref="Console"/>, <see cref="System.Diagnostics.Process"/> or <see cref="PosixSignalRegistration"/>
    /// (the first of them initialises .NET's signal handling and records the ignored disposition for good): call it
    /// first thing in Main.
    /// </summary>
    public static bool DefaultIfIgnored(int signal)
    {
        if (!IsIgnored(signal))
        {
            return false;
        }

        if (SysSignal(signal, SigDfl) == SigErr)
        {
            throw new InvalidOperationException($"signal({signal}, SIG_DFL) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "signal", SetLastError = true)]
    private static partial nint SysSignal(int signal, nint handler);
}
