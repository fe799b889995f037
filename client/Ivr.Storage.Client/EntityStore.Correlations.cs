using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore : ICorrelationReader
{
    private ICorrelationQueryGrain Correlations => _grains.GetGrain<ICorrelationQueryGrain>(0);

    /// <inheritdoc />
    public Task<CorrelatedVersionsPage> FindByCorrelationAsync(CorrelationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CallAsync(Correlations, retrySafe: true, grain => grain.Find(query), cancellationToken);
    }
}
