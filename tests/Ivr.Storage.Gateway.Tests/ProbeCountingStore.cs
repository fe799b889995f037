using System.Reflection;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>The real store, counting the calls that verify a given key (the readiness probe's); everything else passes through.</summary>
public class ProbeCountingStore : DispatchProxy
{
    private IEntityStore _inner = null!;
    private EntityKey _counted;
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public static (IEntityStore Store, ProbeCountingStore Counter) Wrap(IEntityStore inner, EntityKey counted)
    {
        var store = Create<IEntityStore, ProbeCountingStore>();
        var counter = (ProbeCountingStore)(object)store;
        counter._inner = inner;
        counter._counted = counted;
        return (store, counter);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IEntityStore.VerifyAsync) && args?[0] is EntityKey key && key == _counted)
        {
            Interlocked.Increment(ref _calls);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
