using Ivr.Storage.Contracts;

namespace Ivr.Storage.Client;

public sealed partial class EntityStore : IAuditLog
{
    private IAuditProofGrain Proofs => _grains.GetGrain<IAuditProofGrain>(0);

    /// <inheritdoc />
    public Task<LogHead> GetLatestHeadAsync(CancellationToken cancellationToken = default) =>
        CallAsync(Proofs, retrySafe: true, grain => grain.GetLatestHead(), cancellationToken);

    /// <inheritdoc />
    public Task<VersionInclusionProof> ProveVersionAsync(EntityKey key, long version, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        _ = EntityKey.Create(key.Type, key.Id);
        return CallAsync(Proofs, retrySafe: true, grain => grain.ProveVersion(key, version, treeSize), cancellationToken);
    }

    /// <inheritdoc />
    public Task<LogConsistencyProof> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken = default) =>
        CallAsync(Proofs, retrySafe: true, grain => grain.ProveConsistency(from, to), cancellationToken);
}
