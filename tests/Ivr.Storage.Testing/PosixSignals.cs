using System.Runtime.InteropServices;

namespace Ivr.Storage.Testing;

/// <summary>
/// kill(2), for the signals <see cref="System.Diagnostics.Process"/> cannot send (it only sends SIGKILL, and only to
/// processes it started): SIGTERM for graceful stops, SIGSTOP/SIGCONT to pause a silo (fault injection).
/// </summary>
public static partial class PosixSignals
{
    public const int Sigint = 2;

    public const int Sigkill = 9;

    public const int Sigterm = 15;

    public const int Sigcont = 18;

    public const int Sigstop = 19;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>, or throws naming the errno.</summary>
    public static void Send(int pid, int signal)
    {
        if (SysKill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
