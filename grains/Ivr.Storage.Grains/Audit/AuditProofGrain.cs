using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Orleans.Concurrency;

namespace Ivr.Storage.Grains.Audit;

/// <summary>Answers proofs from the stored log on any silo; every answer is checkable against a head, so none needs trusting.</summary>
[StatelessWorker]
internal sealed partial class AuditProofGrain(AuditLogDataSource database, IEntityJournal journal) : Grain, IAuditProofGrain
{
    private TransparencyLogReader Reader => new(database.DataSource);

    public async Task<LogHead> GetLatestHead() => ToContract(await LatestAsync());

    public async Task<VersionInclusionProof> ProveVersion(EntityKey key, long version, long? treeSize)
    {
        if (version < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "version", "A version is 1 or more.");
        }

        if (treeSize is < 1)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, "treeSize", "A tree size is 1 or more.");
        }

        var size = treeSize ?? (await LatestAsync()).TreeSize;
        try
        {
            var proof = await Reader.InclusionAsync(key, version, size);
            return new VersionInclusionProof(key, version, proof.Leaf.ChainHash, proof.Proof.LeafIndex, [.. proof.Proof.Path], ToContract(proof.Head));
        }
        catch (ProofUnavailableException e) when (e.Field is null)
        {
            throw new EntityNotFoundException(key, e.Message);
        }
        catch (ProofUnavailableException e)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, e.Field ?? "treeSize", e.Message);
        }
    }

    public async Task<LogConsistencyProof> ProveConsistency(long from, long to)
    {
        try
        {
            var consistency = await Reader.ConsistencyAsync(from, to);
            return new LogConsistencyProof(ToContract(consistency.First), ToContract(consistency.Second), [.. consistency.Proof.Path]);
        }
        catch (ProofUnavailableException e)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidArgument, e.Field ?? "from", e.Message);
        }
    }

    private async Task<SignedTreeHead> LatestAsync() =>
        await Reader.LatestHeadAsync()
        ?? throw new StoreUnavailableException("The transparency log has signed no head yet (AuditLog:Enabled, or it has not caught up).");

    private static LogHead ToContract(SignedTreeHead head) =>
        new(head.TreeSize, head.RootHash, head.Timestamp, head.PreviousHeadHash, head.KeyId, head.Signature, head.TimestampToken);
}
