using System.Runtime.InteropServices;

namespace Ivr.Storage.Testing;

/// <summary>kill(2), for SIGTERM to processes the test did not start itself (<see cref="System.Diagnostics.Process"/> only sends SIGKILL).</summary>
public static partial class PosixSignals
{
    public const int Sigterm = 15;

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
