namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// RFC 9162's proof verification, followed step by step (§2.1.3.2 inclusion, §2.1.4.2 consistency). Both walk the path
/// with the tree's shape derived from the sizes, so a path of the wrong length, in the wrong order or for another size
/// recomputes another root and fails; nothing here trusts a size or index the proof merely claims.
/// </summary>
public static class MerkleVerifier
{
    /// <summary>Checks that the leaf whose hash is <paramref name="leafHash"/> is leaf <see cref="InclusionProof.LeafIndex"/> of the tree with <paramref name="rootHash"/>.</summary>
    public static AuditResult VerifyInclusion(ReadOnlySpan<byte> leafHash, InclusionProof proof, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.TreeSize <= 0 || proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize)
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"leaf {proof.LeafIndex} is not in a tree of {proof.TreeSize} leaves");
        }

        if (!WellFormed(leafHash, rootHash, proof.Path))
        {
            return AuditResult.Fail(AuditFailure.MalformedHash, $"a hash of the proof for leaf {proof.LeafIndex} is not {MerkleHash.Size} bytes");
        }

        var fn = proof.LeafIndex;
        var sn = proof.TreeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof.Path)
        {
            if (sn == 0)
            {
                return AuditResult.Fail(AuditFailure.PathTooLong, $"the proof for leaf {proof.LeafIndex} has more than the tree of {proof.TreeSize} needs");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return AuditResult.Fail(AuditFailure.PathTooShort, $"the proof for leaf {proof.LeafIndex} lacks hashes for a tree of {proof.TreeSize}");
        }

        return r.AsSpan().SequenceEqual(rootHash)
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.RootMismatch, $"leaf {proof.LeafIndex} with its proof does not lead to the root of the tree of {proof.TreeSize}");
    }

    /// <summary>Checks that the tree of <see cref="ConsistencyProof.SecondSize"/> leaves with <paramref name="secondRoot"/> extends the one of <see cref="ConsistencyProof.FirstSize"/> with <paramref name="firstRoot"/>.</summary>
    public static AuditResult VerifyConsistency(ConsistencyProof proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (proof.FirstSize > proof.SecondSize)
        {
            return AuditResult.Fail(AuditFailure.SizeShrinks, $"a tree of {proof.SecondSize} cannot extend one of {proof.FirstSize}");
        }

        if (proof.FirstSize <= 0)
        {
            return AuditResult.Fail(AuditFailure.OutOfRange, $"no consistency proof starts at a tree of {proof.FirstSize}");
        }

        if (!WellFormed(firstRoot, secondRoot, proof.Path))
        {
            return AuditResult.Fail(AuditFailure.MalformedHash, $"a hash of the proof from {proof.FirstSize} to {proof.SecondSize} is not {MerkleHash.Size} bytes");
        }

        if (proof.FirstSize == proof.SecondSize)
        {
            return proof.Path.Count != 0
                ? AuditResult.Fail(AuditFailure.PathTooLong, $"trees of equal size {proof.FirstSize} need an empty proof")
                : firstRoot.SequenceEqual(secondRoot)
                    ? AuditResult.Valid
                    : AuditResult.Fail(AuditFailure.Fork, $"two trees of {proof.FirstSize} leaves have different roots");
        }

        if (proof.Path.Count == 0)
        {
            return AuditResult.Fail(AuditFailure.PathTooShort, $"the proof from {proof.FirstSize} to {proof.SecondSize} is empty");
        }

        return WalkConsistency(proof, firstRoot, secondRoot);
    }

    private static AuditResult WalkConsistency(ConsistencyProof proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        var path = new List<byte[]>(proof.Path.Count + 1);
        if (long.IsPow2(proof.FirstSize))
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(proof.Path);
        var fn = proof.FirstSize - 1;
        var sn = proof.SecondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return AuditResult.Fail(AuditFailure.PathTooLong, $"the proof from {proof.FirstSize} to {proof.SecondSize} has more than the trees need");
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return AuditResult.Fail(AuditFailure.PathTooShort, $"the proof from {proof.FirstSize} to {proof.SecondSize} lacks hashes");
        }

        if (!fr.AsSpan().SequenceEqual(firstRoot))
        {
            return AuditResult.Fail(AuditFailure.RootMismatch, $"the proof does not lead to the root of the tree of {proof.FirstSize}: its first {proof.FirstSize} leaves changed");
        }

        return sr.AsSpan().SequenceEqual(secondRoot)
            ? AuditResult.Valid
            : AuditResult.Fail(AuditFailure.RootMismatch, $"the proof does not lead to the root of the tree of {proof.SecondSize}");
    }

    private static bool WellFormed(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, IReadOnlyList<byte[]> path) =>
        a.Length == MerkleHash.Size && b.Length == MerkleHash.Size && path.All(h => h is { Length: MerkleHash.Size });
}
