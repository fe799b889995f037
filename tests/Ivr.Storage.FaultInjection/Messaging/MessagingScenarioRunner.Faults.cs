using Ivr.Storage.Testing;
using Orleans.Runtime;

namespace Ivr.Storage.FaultInjection.Messaging;

public sealed partial class MessagingScenarioRunner
{
    /// <summary>Waits until both directions are seen moving, then injects the fault; returns what was done.</summary>
    private async Task<string> InjectAsync(MessagingFault fault, ScenarioBroker broker, string commandType)
    {
        await Eventually.HoldsAsync(() => broker.Changes.Count > 0, ProgressBound, () => "the relay published nothing of the scenario's writes");
        await Eventually.HoldsAsync(
            async () => (await JournalVersion.ReadAsync(cluster.Postgres.AdminConnectionString, [commandType])).Count >= 5,
            ProgressBound,
            () => "the command queue produced no versions",
            TimeSpan.FromMilliseconds(100));
        cluster.Log($"messaging fault {fault} starts ({broker.Changes.Count} change messages so far)");
        switch (fault)
        {
            case MessagingFault.RelayKill9:
            {
                var victim = await RelaySiloAsync();
                victim.Kill();
                await cluster.RemoveAsync(victim);
                return $"kill -9 of silo {victim.SiloPort}, which held the relay";
            }

            case MessagingFault.ConsumerKill9:
            {
                // Every silo consumes commands; the one without the relay, so that only the consumer side is hit.
                var relay = await RelaySiloAsync();
                var victim = cluster.Silos.First(silo => silo != relay && !silo.HasExited);
                victim.Kill();
                await cluster.RemoveAsync(victim);
                return $"kill -9 of silo {victim.SiloPort}, a command consumer (not the relay's)";
            }

            case MessagingFault.BrokerCut:
            {
                var before = cluster.Forwarder.ForwardedConnections;
                cluster.Forwarder.Cut();
                await Task.Delay(options.Cut);
                cluster.Forwarder.Restore();
                // Both the relay and the consumers reconnect through the forwarder after the cut.
                await Eventually.HoldsAsync(() => cluster.Forwarder.ForwardedConnections >= before + 2, ProgressBound, () => "the silos did not reconnect to the broker after the cut");
                return $"network to the broker cut for {options.Cut.TotalSeconds:F0} s ({cluster.Forwarder.ForwardedConnections - before} connections made again)";
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    /// <summary>The silo holding the relay's grain, asked of the cluster's management grain.</summary>
    private async Task<SiloProcess> RelaySiloAsync()
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var relay = cluster.Client.GetGrain(GrainId.Create("messagerelay", MessagingTopology.RelayName));
        return await Eventually.ValueAsync(
            async () =>
            {
                var address = await management.GetActivationAddress(relay);
                return cluster.Silos.FirstOrDefault(silo => address is not null && silo.SiloPort == address.Endpoint.Port && !silo.HasExited);
            },
            ProgressBound,
            () => "no running silo holds the relay");
    }
}
