using Ivr.Storage.FaultInjection.Messaging;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>
/// RabbitMQ under faults (issue 20), short form (seconds of load on the suite's shared cluster, until 300 writes were acknowledged after the fault): afterwards every
/// committed version was published at least once, nothing out of order per entity (a repeat only with the same message
/// id), every command produced exactly one version, every poison command sits in the dead letters with its reason.
/// </summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class MessagingFaultTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    // The writers go on until 300 writes were acknowledged after the fault, so hundreds of versions cross the fault window.
    private static readonly MessagingScenarioOptions Short = new();

    [Fact]
    public Task kill_9_of_the_relay_s_silo_while_it_publishes_loses_no_change() => RunAsync(MessagingFault.RelayKill9);

    [Fact]
    public Task kill_9_of_a_consumer_silo_mid_batch_loses_and_repeats_no_command() => RunAsync(MessagingFault.ConsumerKill9);

    [Fact]
    public Task a_network_cut_to_the_broker_loses_no_change_and_no_command() => RunAsync(MessagingFault.BrokerCut);

    private async Task RunAsync(MessagingFault fault)
    {
        MessagingScenarioResult? result = null;
        try
        {
            result = await new MessagingScenarioRunner(fixture.Cluster, Short).RunAsync(fault);
        }
        finally
        {
            foreach (var line in fixture.DrainLog())
            {
                output.WriteLine(line);
            }
        }

        output.WriteLine(result.ToString());
        Assert.True(result.Committed >= Short.WritesAfterFault, $"only {result.Committed} versions committed; too few to prove anything");
        Assert.True(result.Violations.Count == 0, string.Join("\n", result.Violations.Take(30)));
    }
}
