using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>Versions by correlation id, from the journal; a stateless worker on every silo.</summary>
[Alias("ivr.ICorrelationQueryGrain")]
public interface ICorrelationQueryGrain : IGrainWithIntegerKey
{
    /// <summary>One page of the versions carrying <see cref="CorrelationQuery.CorrelationId"/>.</summary>
    /// <exception cref="EntityValidationException">An empty or too long correlation id, a bad page size (field <c>limit</c>), cursor or type pattern.</exception>
    [Alias("find"), ReadOnly]
    Task<CorrelatedVersionsPage> Find(CorrelationQuery query);
}
