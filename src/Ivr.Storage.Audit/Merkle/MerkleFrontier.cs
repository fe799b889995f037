namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// The right edge of a growing tree: one perfect subtree per set bit of its size, largest first. Appending a leaf
/// yields the leaf and every subtree it completes, which is all a store must add to answer proofs later; the root
/// folds the edge. A writer reloads the edge (<see cref="EdgeOf"/>) from its store after a restart.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(NodeAddress Address, byte[] Hash)> _edge = [];

    /// <summary>An empty tree.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>A tree of <paramref name="size"/> leaves whose edge subtrees (<see cref="EdgeOf"/>, in that order) have <paramref name="edgeHashes"/>.</summary>
    public MerkleFrontier(long size, IReadOnlyList<byte[]> edgeHashes)
    {
        ArgumentNullException.ThrowIfNull(edgeHashes);
        var edge = EdgeOf(size);
        if (edge.Count != edgeHashes.Count)
        {
            throw new ArgumentException($"A tree of {size} leaves has {edge.Count} edge subtrees, not {edgeHashes.Count}.", nameof(edgeHashes));
        }

        Size = size;
        _edge.AddRange(edge.Zip(edgeHashes));
    }

    public long Size { get; private set; }

    /// <summary>The edge subtrees' hashes, largest first (as <see cref="EdgeOf"/> lists them).</summary>
    public IReadOnlyList<byte[]> EdgeHashes => _edge.Select(node => node.Hash).ToList();

    /// <summary>An independent copy: a writer extends the copy and keeps it only once its store committed.</summary>
    public MerkleFrontier Clone() => new(Size, EdgeHashes);

    /// <summary>The perfect subtrees on the right edge of a tree of <paramref name="size"/> leaves, largest first.</summary>
    public static IReadOnlyList<NodeAddress> EdgeOf(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var edge = new List<NodeAddress>();
        var start = 0L;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                edge.Add(new NodeAddress(level, start >> level));
                start += 1L << level;
            }
        }

        return edge;
    }

    /// <summary>Appends a leaf; returns the nodes that now exist and did not before (the leaf first).</summary>
    public IReadOnlyList<(NodeAddress Address, byte[] Hash)> Append(byte[] leafHash)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var added = new List<(NodeAddress, byte[])> { (new NodeAddress(0, Size), leafHash) };
        _edge.Add((new NodeAddress(0, Size), leafHash));
        while (_edge.Count > 1 && _edge[^1].Address.Level == _edge[^2].Address.Level)
        {
            var right = _edge[^1];
            var left = _edge[^2];
            var merged = (new NodeAddress(left.Address.Level + 1, left.Address.Index >> 1), MerkleHash.Node(left.Hash, right.Hash));
            _edge.RemoveRange(_edge.Count - 2, 2);
            _edge.Add(merged);
            added.Add(merged);
        }

        Size++;
        return added;
    }

    /// <summary>The root hash of the tree as it stands.</summary>
    public byte[] Root()
    {
        if (_edge.Count == 0)
        {
            return MerkleHash.Empty();
        }

        var root = _edge[^1].Hash;
        for (var i = _edge.Count - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(_edge[i].Hash, root);
        }

        return root;
    }
}
