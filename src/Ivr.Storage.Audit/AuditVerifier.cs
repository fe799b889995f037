using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Leaves;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit;

/// <summary>
/// The checks an auditor runs against heads they keep: that a version is in a signed head, that a later head extends
/// an earlier one, that a head names its predecessor. Each trusts only the keys in the ring, never the proof's claims.
/// </summary>
public sealed class AuditVerifier(TreeHeadKeyRing keys)
{
    /// <summary>Is <paramref name="leaf"/> leaf <see cref="InclusionProof.LeafIndex"/> of the log that <paramref name="head"/> signs?</summary>
    public AuditResult VerifyVersion(LogLeaf leaf, InclusionProof proof, SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(head);
        var signature = keys.Verify(head);
        if (!signature.IsValid)
        {
            return signature;
        }

        if (proof.TreeSize != head.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.TreeSizeMismatch, $"the proof of {leaf} is for a tree of {proof.TreeSize}, the head has {head.TreeSize}");
        }

        byte[] leafHash;
        try
        {
            leafHash = leaf.Hash();
        }
        catch (ArgumentException e)
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"{leaf} is no leaf: {e.Message}");
        }

        var result = MerkleVerifier.VerifyInclusion(leafHash, proof, head.RootHash);
        return result.IsValid ? result : result with { Detail = $"{leaf} (leaf {proof.LeafIndex}): {result.Detail}" };
    }

    /// <summary>Does <paramref name="later"/> extend <paramref name="earlier"/> (same leaves first, none removed or changed)?</summary>
    public AuditResult VerifyExtension(SignedTreeHead earlier, SignedTreeHead later, ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(proof);
        foreach (var head in new[] { earlier, later })
        {
            var signature = keys.Verify(head);
            if (!signature.IsValid)
            {
                return signature;
            }
        }

        if (later.TreeSize < earlier.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.SizeShrinks, $"head {later.TreeSize} is smaller than the earlier head {earlier.TreeSize}");
        }

        if (proof.FirstSize != earlier.TreeSize || proof.SecondSize != later.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.TreeSizeMismatch, $"the proof is from {proof.FirstSize} to {proof.SecondSize}, the heads are {earlier.TreeSize} and {later.TreeSize}");
        }

        return MerkleVerifier.VerifyConsistency(proof, earlier.RootHash, later.RootHash);
    }

    /// <summary>Is <paramref name="next"/> the head signed right after <paramref name="previous"/>?</summary>
    public AuditResult VerifySuccessor(SignedTreeHead previous, SignedTreeHead next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var signature = keys.Verify(next);
        if (!signature.IsValid)
        {
            return signature;
        }

        if (next.TreeSize < previous.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.SizeShrinks, $"head {next.TreeSize} follows the larger head {previous.TreeSize}");
        }

        return next.PreviousHeadHash.AsSpan().SequenceEqual(previous.HeadHash())
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.ChainBroken, $"head {next.TreeSize} does not name head {previous.TreeSize} as its previous one");
    }
}
