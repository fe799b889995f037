using System.Collections.Concurrent;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>An outgoing grain call filter in the gateway's Orleans client that records, per entity, which methods it called.</summary>
public sealed class EntityGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _calls = new(StringComparer.Ordinal);

    /// <summary>The methods called on the entity's grain, in order.</summary>
    public IReadOnlyList<string> To(EntityKey key) =>
        _calls.TryGetValue(key.ToGrainKey(), out var calls) ? [.. calls] : [];

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.Grain is IEntityGrain)
        {
            _calls.GetOrAdd(context.TargetId.Key.ToString()!, _ => new ConcurrentQueue<string>()).Enqueue(context.MethodName);
        }

        return context.Invoke();
    }
}
