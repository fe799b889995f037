using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests.Merkle;

public sealed class MerkleFrontierTests
{
    [Fact]
    public void should_resume_from_its_edge_with_the_same_root_and_nodes()
    {
        var tree = AuditSamples.Tree(13);
        var edge = MerkleFrontier.EdgeOf(13);
        var resumed = new MerkleFrontier(13, edge.Select(address => SubtreeOf(tree, address)).ToList());

        Assert.Equal(tree.Root(), resumed.Root());
        var added = resumed.Append(AuditSamples.Leaf(13).Hash());
        tree.Append(AuditSamples.Leaf(13).Hash());
        Assert.Equal(tree.Root(), resumed.Root());
        Assert.Equal([new NodeAddress(0, 13), new NodeAddress(1, 6)], added.Select(n => n.Address));
    }

    [Fact]
    public void EdgeOf_Thirteen_IsEightFourAndOne() =>
        Assert.Equal([new NodeAddress(3, 0), new NodeAddress(2, 2), new NodeAddress(0, 12)], MerkleFrontier.EdgeOf(13));

    [Fact]
    public void should_refuse_an_edge_of_the_wrong_length() =>
        Assert.Throws<ArgumentException>(() => new MerkleFrontier(13, [new byte[32]]));

    [Fact]
    public void should_read_a_logarithmic_number_of_nodes_for_a_proof_in_a_huge_tree()
    {
        var size = 10_000_000L;

        Assert.InRange(MerkleProofBuilder.NodesForInclusion(4_321_987, size).Count, 1, 2 * 24);
        Assert.InRange(MerkleProofBuilder.NodesForConsistency(1_234_567, size).Count, 1, 4 * 24);
    }

    private static byte[] SubtreeOf(MemoryMerkleTree tree, NodeAddress address)
    {
        var sub = new MemoryMerkleTree();
        for (var i = address.FirstLeaf; i < address.FirstLeaf + (1L << address.Level); i++)
        {
            sub.Append(tree.LeafHash(i));
        }

        return sub.Root();
    }
}
