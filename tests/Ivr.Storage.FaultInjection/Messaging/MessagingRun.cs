using Ivr.Storage.FaultInjection.Services;

namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>
/// The console program's run of RabbitMQ scenarios (the long form, <c>deploy/local/fault-soak.sh mq-…</c>): one private
/// cluster with messaging on, each scenario in turn, the results table at the end.
/// </summary>
public static class MessagingRun
{
    /// <summary>Runs the scenarios; true when every one passed, null when interrupted (every process it started is stopped then).</summary>
    public static async Task<bool?> RunAsync(IReadOnlyList<MessagingFault> faults, MessagingScenarioOptions options, Uri broker, CancellationToken cancellationToken)
    {
        var results = new List<MessagingScenarioResult>();
        var interrupted = Task.Delay(Timeout.Infinite, cancellationToken);
        await using (var cluster = await FaultCluster.StartAsync(new FaultClusterOptions { Broker = broker, Log = line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}") }))
        {
            foreach (var fault in faults)
            {
                var run = new MessagingScenarioRunner(cluster, options).RunAsync(fault);
                if (await Task.WhenAny(run, interrupted) != run)
                {
                    Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} interrupted during {fault.Name()}: stopping the private cluster");
                    return null;
                }

                var result = await run;
                results.Add(result);
                Console.Write(MessagingResultsTable.Details(result));
            }
        }

        Console.WriteLine();
        Console.Write(MessagingResultsTable.Format(results));
        return results.All(result => result.Violations.Count == 0);
    }
}
