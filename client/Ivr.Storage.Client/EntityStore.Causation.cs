using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore : ICausationLookup
{
    /// <inheritdoc />
    public Task<CausedVersionsPage> FindCausedAsync(CausationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Checked here too, so a bad query fails without a round trip (and without a retry).
        query.Validate();
        return CallAsync(_grains.GetGrain<ICausationLookupGrain>(0), retrySafe: true, grain => grain.Find(query), cancellationToken);
    }
}
