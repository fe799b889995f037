using Ivr.Storage.Audit;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;
using Ivr.Storage.Client;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.Gateway.WebConsole.Audit;

/// <summary>
/// Asks the log for a version's inclusion proof in the latest head and checks it with the auditors' verifier. The
/// proof is evidence from the store, so nothing in it is trusted: the leaf is built from the version as the journal
/// returned it (its chain hash, which the page's own chain check recomputes), not from the proof's claims, and the head
/// must be signed by a configured key.
/// </summary>
internal static class ProofCheck
{
    public static async Task<ProofStatus> CheckAsync(IAuditLog log, ConsoleAuditKeys keys, VersionRecord version, CancellationToken cancellationToken)
    {
        VersionInclusionProof proof;
        try
        {
            proof = await log.ProveVersionAsync(version.Key, version.Version, treeSize: null, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            return new ProofStatus(ProofState.LogOff, version.Version, e.Message);
        }
        catch (EntityNotFoundException)
        {
            return new ProofStatus(ProofState.NotYetSigned, version.Version, "The version is newer than the latest signed head; it will be in the next one.");
        }

        if (!keys.Any)
        {
            return new ProofStatus(ProofState.Unchecked, version.Version, "No public key of the log is configured (Console:AuditPublicKeyFiles), so the head's signature cannot be checked.");
        }

        var head = new SignedTreeHead(proof.Head.TreeSize, proof.Head.RootHash, proof.Head.Timestamp, proof.Head.PreviousHeadHash, proof.Head.KeyId, proof.Head.Signature)
        {
            TimestampToken = proof.Head.TimestampToken,
        };
        var leaf = new LogLeaf(version.Key.Type, version.Key.Id, version.Version, Convert.FromHexString(version.Hash));
        var result = new AuditVerifier(keys.Ring).VerifyVersion(leaf, new InclusionProof(proof.LeafIndex, proof.Head.TreeSize, proof.Path), head);
        return result.IsValid
            ? new ProofStatus(ProofState.Included, version.Version, $"leaf {proof.LeafIndex}") { TreeSize = head.TreeSize, KeyId = head.KeyId, SignedAt = head.Timestamp }
            : new ProofStatus(ProofState.Failed, version.Version, result.ToString());
    }
}
