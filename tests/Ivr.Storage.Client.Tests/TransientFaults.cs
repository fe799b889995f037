using System.Collections.Concurrent;
using Ivr.Storage.Contracts;
using Orleans.Runtime;

namespace Ivr.Storage.Client.Tests;

/// <summary>
/// An outgoing grain call filter in the client that makes the next calls to one entity fail as the network would:
/// before the call reaches the cluster, or after the grain answered (the response is lost, the write happened).
/// Counts every attempt per entity, so tests can tell how often the client tried.
/// </summary>
public sealed class TransientFaults : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, Plan> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public enum Kind
    {
        /// <summary>The call never reaches the cluster (a connection that failed).</summary>
        BeforeDelivery,

        /// <summary>The grain ran the call but the response is lost (a connection dropped on the way back).</summary>
        ResponseLost,

        /// <summary>
        /// The cluster cancels the call before it reaches the grain, as Orleans does when a message expires before
        /// placement while silos come and go: an OperationCanceledException the caller never asked for.
        /// </summary>
        CancelledByCluster,
    }

    public void FailNext(EntityKey key, int times, Kind kind) => _plans[key.ToGrainKey()] = new Plan(times, kind);

    public int Attempts(EntityKey key) => _attempts.GetValueOrDefault(key.ToGrainKey());

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var grainKey = context.TargetId.Key.ToString();
        _attempts.AddOrUpdate(grainKey, 1, (_, n) => n + 1);
        var plan = TakeFault(grainKey);
        if (plan == Kind.BeforeDelivery)
        {
            throw new Orleans.Runtime.Messaging.ConnectionFailedException("Injected: the connection to the gateway failed.");
        }

        if (plan == Kind.CancelledByCluster)
        {
            throw new OperationCanceledException("Injected: Message expired before placement could complete.");
        }

        await context.Invoke();
        if (plan == Kind.ResponseLost)
        {
            throw new SiloUnavailableException("Injected: the gateway connection dropped before the response arrived.");
        }
    }

    private Kind? TakeFault(string grainKey)
    {
        while (_plans.TryGetValue(grainKey, out var plan) && plan.Remaining > 0)
        {
            if (_plans.TryUpdate(grainKey, plan with { Remaining = plan.Remaining - 1 }, plan))
            {
                return plan.Kind;
            }
        }

        return null;
    }

    private sealed record Plan(int Remaining, Kind Kind);
}
