using System.CommandLine;
using Ivr.Storage.FaultInjection.Messaging;
using Ivr.Storage.FaultInjection.Scenarios;
using Ivr.Storage.FaultInjection.Services;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Testing;

// Ctrl-C must stop the run and every process it started, however the program was launched. A background job of a
// non-interactive shell (`dotnet ... &` in a CI script, and everything below it: dotnet test, the test host, this
// program) starts with SIGINT ignored; .NET respects that, so System.CommandLine's handler was never installed and
// the kernel dropped the SIGINT: the scenario ran to its end and exited 0 (how InterruptedRunTests failed in a CI
// run). This must come before anything initialises .NET's signal handling (Console, Process, signal registrations).
var sigintWasIgnored = PosixSignals.DefaultIfIgnored(PosixSignals.Sigint);

var scenario = new Option<string>("--scenario")
{
    Description = $"Which fault: {string.Join(" | ", ScenarioNames.All)} | all; RabbitMQ (needs --broker): {string.Join(" | ", MessagingScenarioNames.All)} | {MessagingScenarioNames.AllOfThem}.",
    DefaultValueFactory = _ => "all",
};
var duration = new Option<int>("--duration")
{
    Description = "Seconds of load per scenario; the fault starts after a third of it (combined: the faults follow one another from there, so its load lasts at least as long as they take).",
    DefaultValueFactory = _ => 6,
};
var writers = new Option<int>("--writers")
{
    Description = "Concurrent writers (readers are a quarter of them, at least one); half of each go through the HTTP gateway.",
    DefaultValueFactory = _ => 8,
};
var redisOutage = new Option<int>("--redis-outage")
{
    Description = "Seconds Redis stays down in the redis-outage scenario, and the network to the broker stays cut in mq-broker-cut (30 in the long form).",
    DefaultValueFactory = _ => 4,
};
var churnCycles = new Option<int>("--churn-cycles")
{
    Description = "Start/stop cycles in the churn scenario, alternately SIGTERM and kill -9 (at least 2); 0 = as many as fit in the duration.",
    DefaultValueFactory = _ => 2,
};
var broker = new Option<string?>("--broker")
{
    Description = "AMQP URI of the RabbitMQ broker for the mq-* scenarios (deploy/local/rabbitmq.sh); the default is the environment's ConnectionStrings__RabbitMq.",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq"),
};

var root = new RootCommand("IVR.Storage fault injection: a private PostgreSQL, Redis, three silos and the HTTP gateway on 127.0.0.1; each fault under load, then every write checked against the journal and the change feed, and the read model against the journal. Exit code 0 only when every scenario passed.")
{
    scenario, duration, writers, redisOutage, churnCycles, broker,
};
root.SetAction(async (parse, cancellationToken) =>
{
    if (MessagingScenarioNames.IsMessaging(parse.GetValue(scenario)!))
    {
        return await RunMessagingAsync(parse, cancellationToken);
    }

    var scenarios = ScenarioNames.Parse(parse.GetValue(scenario)!);
    var writerCount = Math.Max(1, parse.GetValue(writers));
    var options = new ScenarioOptions
    {
        Duration = TimeSpan.FromSeconds(Math.Max(3, parse.GetValue(duration))),
        Workload = new WorkloadOptions { Writers = writerCount, Readers = Math.Max(1, writerCount / 4) },
        RedisOutage = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(redisOutage))),
        ChurnCycles = Math.Max(0, parse.GetValue(churnCycles)),
    };
    if (sigintWasIgnored)
    {
        Console.Error.WriteLine("SIGINT was ignored at start (a background job of a non-interactive shell); Ctrl-C stops this run all the same.");
    }

    var results = new List<ScenarioResult>();
    var interrupted = Task.Delay(Timeout.Infinite, cancellationToken);
    await using (var cluster = await FaultCluster.StartAsync(new FaultClusterOptions { Log = line => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}") }))
    {
        foreach (var fault in scenarios)
        {
            // Ctrl-C or SIGTERM: stop waiting for the scenario and leave this block, whose disposal stops every
            // process the suite started (silos, gateway, PostgreSQL, Redis), so none outlives an interrupted run.
            var run = new ScenarioRunner(cluster, options).RunAsync(fault);
            if (await Task.WhenAny(run, interrupted) != run)
            {
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} interrupted during {fault.Name()}: stopping the private cluster");
                break;
            }

            var result = await run;
            results.Add(result);
            Console.Write(ResultsTable.Details(result));
        }
    }

    if (cancellationToken.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} interrupted: every process of the run was stopped");
        return InterruptedExitCode;
    }

    Console.WriteLine();
    Console.Write(ResultsTable.Format(results));
    return results.All(r => r.Passed) ? 0 : 1;
});

// Long enough for the disposal above (a graceful client stop, then kills); System.CommandLine's default is 2 s,
// after which the process would end with its children still running.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(120) });

internal static partial class Program
{
    // The long form of the RabbitMQ scenarios: --duration seconds of writes at least (and 300 acknowledged after the
    // fault), the writers a quarter of --writers (they go through the Orleans client only), commands ten a second.
    private static async Task<int> RunMessagingAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var faults = MessagingScenarioNames.Parse(parse.GetValue<string>("--scenario")!);
        var uri = parse.GetValue<string?>("--broker");
        if (string.IsNullOrWhiteSpace(uri))
        {
            Console.Error.WriteLine("The mq-* scenarios need a RabbitMQ broker: --broker amqp://user:password@127.0.0.1:port/ or ConnectionStrings__RabbitMq (deploy/local/services.sh writes it to the env file).");
            return 2;
        }

        var seconds = Math.Max(3, parse.GetValue<int>("--duration"));
        var options = new MessagingScenarioOptions
        {
            Duration = TimeSpan.FromSeconds(seconds),
            Writers = Math.Max(1, parse.GetValue<int>("--writers") / 4),
            Commands = Math.Max(120, seconds * 10),
            Cut = TimeSpan.FromSeconds(Math.Max(3, parse.GetValue<int>("--redis-outage"))),
            SettleBound = TimeSpan.FromSeconds(Math.Max(90, seconds)),
        };
        return await MessagingRun.RunAsync(faults, options, new Uri(uri), cancellationToken) switch
        {
            null => InterruptedExitCode,
            true => 0,
            false => 1,
        };
    }

    /// <summary>128 + SIGINT, as a shell reports a command stopped by Ctrl-C.</summary>
    private const int InterruptedExitCode = 130;
}
