using System.Runtime.InteropServices;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>kill(2) for the signals <see cref="System.Diagnostics.Process"/> cannot send (SIGSTOP, SIGCONT, SIGTERM).</summary>
public static partial class Signals
{
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
