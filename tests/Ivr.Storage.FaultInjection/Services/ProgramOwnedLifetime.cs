using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>
/// The lifetime of the suite's own Orleans client host: it registers no signal handler. The program (its command
/// line) owns Ctrl-C and SIGTERM and stops this host itself when it stops the cluster. The default ConsoleLifetime
/// would register SIGINT/SIGTERM handlers of its own, after the program's, that mark the signal handled and stop only
/// this host. .NET 10 still runs every handler, newest first; newer runtimes (dotnet/runtime main) stop at the first
/// that marks the signal handled, and the program would never hear of the Ctrl-C.
/// </summary>
internal sealed class ProgramOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
