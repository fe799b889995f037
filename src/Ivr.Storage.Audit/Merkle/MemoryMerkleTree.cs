namespace Ivr.Storage.Audit.Merkle;

/// <summary>
/// A whole tree in memory with every perfect subtree kept, the same layout the log stores: for tests, for checking an
/// export, and for anyone who holds all the leaves.
/// </summary>
public sealed class MemoryMerkleTree
{
    private readonly Dictionary<NodeAddress, byte[]> _nodes = [];
    private readonly MerkleFrontier _frontier = new();

    public long Size => _frontier.Size;

    /// <summary>Proofs and roots over the leaves appended so far (any earlier size too).</summary>
    public MerkleProofBuilder Proofs => new(address => _nodes[address]);

    public void Append(byte[] leafHash)
    {
        foreach (var (address, hash) in _frontier.Append(leafHash))
        {
            _nodes[address] = hash;
        }
    }

    public byte[] Root() => _frontier.Root();

    public byte[] LeafHash(long index) => _nodes[new NodeAddress(0, index)];
}
