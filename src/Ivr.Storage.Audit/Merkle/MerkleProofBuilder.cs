namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// Builds RFC 9162 roots and proofs (§2.1.3.1 PATH, §2.1.4.1 SUBPROOF) from the hashes of perfect subtrees, which
/// <paramref name="subtree"/> returns: a proof needs O(log n) of them. Which ones does not depend on their values, so a
/// store can learn the set first (<see cref="NodesForInclusion"/>, <see cref="NodesForConsistency"/>) and read it in one go.
/// </summary>
public sealed class MerkleProofBuilder(Func<NodeAddress, byte[]> subtree)
{
    /// <summary>The root of the tree of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? MerkleHash.Empty() : Range(0, size);
    }

    /// <summary>The proof that leaf <paramref name="leafIndex"/> is in the tree of <paramref name="size"/> leaves.</summary>
    public InclusionProof Inclusion(long leafIndex, long size)
    {
        if (leafIndex < 0 || leafIndex >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"Leaf {leafIndex} is not in a tree of {size} leaves.");
        }

        var path = new List<byte[]>();
        Path(leafIndex, 0, size, path);
        return new InclusionProof(leafIndex, size, path);
    }

    /// <summary>The proof that the tree of <paramref name="second"/> leaves extends the one of <paramref name="first"/>.</summary>
    public ConsistencyProof Consistency(long first, long second)
    {
        if (first <= 0 || first > second)
        {
            throw new ArgumentOutOfRangeException(nameof(first), first, $"No consistency proof from {first} to {second} leaves.");
        }

        var path = new List<byte[]>();
        SubProof(first, 0, second, true, path);
        return new ConsistencyProof(first, second, path);
    }

    /// <summary>The subtrees <see cref="Inclusion"/> reads.</summary>
    public static IReadOnlySet<NodeAddress> NodesForInclusion(long leafIndex, long size) =>
        Record(builder => builder.Inclusion(leafIndex, size));

    /// <summary>The subtrees <see cref="Consistency"/> reads.</summary>
    public static IReadOnlySet<NodeAddress> NodesForConsistency(long first, long second) =>
        Record(builder => builder.Consistency(first, second));

    /// <summary>The subtrees <see cref="Root"/> reads: the right edge of the tree.</summary>
    public static IReadOnlySet<NodeAddress> NodesForRoot(long size) => Record(builder => builder.Root(size));

    private static HashSet<NodeAddress> Record(Action<MerkleProofBuilder> run)
    {
        var seen = new HashSet<NodeAddress>();
        run(new MerkleProofBuilder(address =>
        {
            seen.Add(address);
            return new byte[MerkleHash.Size];
        }));
        return seen;
    }

    private void Path(long m, long start, long end, List<byte[]> path)
    {
        var n = end - start;
        if (n == 1)
        {
            return;
        }

        var k = MerkleHash.SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, path);
            path.Add(Range(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, path);
            path.Add(Range(start, start + k));
        }
    }

    private void SubProof(long m, long start, long end, bool complete, List<byte[]> path)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                path.Add(Range(start, end));
            }

            return;
        }

        var k = MerkleHash.SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, path);
            path.Add(Range(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, path);
            path.Add(Range(start, start + k));
        }
    }

    /// <summary>MTH of leaves [start, end): RFC 9162's splits keep every such range aligned, so it folds perfect subtrees.</summary>
    private byte[] Range(long start, long end)
    {
        var n = end - start;
        if (long.IsPow2(n))
        {
            var level = (int)long.Log2(n);
            return (start & (n - 1)) == 0
                ? subtree(new NodeAddress(level, start >> level))
                : throw new InvalidOperationException($"Leaves [{start}, {end}) are not a perfect subtree.");
        }

        var k = MerkleHash.SplitPoint(n);
        return MerkleHash.Node(Range(start, start + k), Range(start + k, end));
    }
}
