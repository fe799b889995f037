using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests.Merkle;

public sealed class MerkleHashTests
{
    // The certificate-transparency test vectors (RFC 6962/9162 construction): eight leaves and the root of every prefix.
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void should_compute_the_certificate_transparency_roots_of_every_prefix()
    {
        var tree = new MemoryMerkleTree();
        for (var i = 0; i < Leaves.Length; i++)
        {
            tree.Append(MerkleHash.Leaf(Convert.FromHexString(Leaves[i])));

            Assert.Equal(Roots[i], Convert.ToHexStringLower(tree.Root()));
            Assert.Equal(Roots[i], Convert.ToHexStringLower(tree.Proofs.Root(i + 1)));
        }
    }

    [Fact]
    public void should_give_the_empty_tree_the_hash_of_nothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.Empty()));
        Assert.Equal(MerkleHash.Empty(), new MerkleFrontier().Root());
    }

    [Fact]
    public void should_never_hash_a_leaf_like_the_node_over_the_same_bytes()
    {
        var left = MerkleHash.Leaf([1]);
        var right = MerkleHash.Leaf([2]);

        Assert.NotEqual(MerkleHash.Node(left, right), MerkleHash.Leaf([.. left, .. right]));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(1L << 40, 1L << 39)]
    public void SplitPoint_OfN_IsTheLargestPowerOfTwoBelowIt(long n, long expected) =>
        Assert.Equal(expected, MerkleHash.SplitPoint(n));
}
