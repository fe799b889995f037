using System.Diagnostics;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>The local broker of deploy/local/rabbitmq.sh, stopped and started with rabbitmqctl (this state dir's node only).</summary>
internal static class LocalBroker
{
    /// <summary>Stops the broker's application (every connection drops) and starts it again; returns when it accepts connections.</summary>
    public static async Task RestartAsync()
    {
        await RabbitMqCtlAsync("stop_app");
        await RabbitMqCtlAsync("start_app");
        await RabbitMqCtlAsync("await_startup");
    }

    private static async Task RabbitMqCtlAsync(string command)
    {
        var start = new ProcessStartInfo("/usr/lib/rabbitmq/bin/rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-q", "-n", TestServices.RabbitMqNodeName, command })
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI finds the node's Erlang cookie in $HOME, which rabbitmq.sh sets to the state dir's rabbitmq/.
        start.Environment["HOME"] = Path.Combine(TestServices.StorageHome, "rabbitmq");
        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(bound.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
