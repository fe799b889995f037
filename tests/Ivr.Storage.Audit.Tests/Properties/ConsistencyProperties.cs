using CsCheck;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests.Properties;

public sealed class ConsistencyProperties
{
    private static readonly Gen<(int First, int Second)> Sizes =
        Gen.Int[1, 200].SelectMany(second => Gen.Int[1, second].Select(first => (first, second)));

    [Fact]
    public void should_verify_every_honest_consistency_proof()
    {
        Sizes.Sample(s =>
        {
            var tree = AuditSamples.Tree(s.Second);
            var proof = tree.Proofs.Consistency(s.First, s.Second);

            Assert.True(MerkleVerifier.VerifyConsistency(proof, tree.Proofs.Root(s.First), tree.Root()).IsValid);
        }, iter: 300);
    }

    [Fact]
    public void should_verify_consistency_between_every_pair_of_small_sizes()
    {
        var tree = AuditSamples.Tree(40);
        for (var second = 1; second <= 40; second++)
        {
            for (var first = 1; first <= second; first++)
            {
                var proof = tree.Proofs.Consistency(first, second);
                Assert.True(MerkleVerifier.VerifyConsistency(proof, tree.Proofs.Root(first), tree.Proofs.Root(second)).IsValid, $"{first}->{second}");
            }
        }
    }

    [Fact]
    public void should_reject_every_single_bit_mutation_of_path_or_either_root()
    {
        Sizes.Where(s => s.First < s.Second).Sample(s =>
        {
            var tree = AuditSamples.Tree(s.Second);
            var proof = tree.Proofs.Consistency(s.First, s.Second);
            var first = tree.Proofs.Root(s.First);
            var second = tree.Root();
            for (var bit = 0; bit < 256; bit++)
            {
                Assert.False(MerkleVerifier.VerifyConsistency(proof, AuditSamples.FlipBit(first, bit), second).IsValid);
                Assert.False(MerkleVerifier.VerifyConsistency(proof, first, AuditSamples.FlipBit(second, bit)).IsValid);
                for (var p = 0; p < proof.Path.Count; p++)
                {
                    var path = proof.Path.ToArray();
                    path[p] = AuditSamples.FlipBit(path[p], bit);
                    Assert.False(MerkleVerifier.VerifyConsistency(proof with { Path = path }, first, second).IsValid);
                }
            }
        }, iter: 40);
    }

    [Fact]
    public void should_reject_a_later_tree_whose_early_leaves_changed()
    {
        Sizes.Where(s => s.First < s.Second).Select(Gen.Int[0, 1000]).Sample((s, pick) =>
        {
            var honest = AuditSamples.Tree(s.Second);
            var changed = pick % s.First;
            var forged = new MemoryMerkleTree();
            for (var i = 0; i < s.Second; i++)
            {
                forged.Append(i == changed ? AuditSamples.FlipBit(honest.LeafHash(i), 0) : honest.LeafHash(i));
            }

            var proof = forged.Proofs.Consistency(s.First, s.Second);

            Assert.False(MerkleVerifier.VerifyConsistency(proof, honest.Proofs.Root(s.First), forged.Root()).IsValid);
        }, iter: 200);
    }
}
