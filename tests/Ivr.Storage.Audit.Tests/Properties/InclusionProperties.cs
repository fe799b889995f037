using CsCheck;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests.Properties;

public sealed class InclusionProperties
{
    private static readonly Gen<(int Size, int Leaf)> TreeAndLeaf =
        Gen.Int[1, 200].SelectMany(size => Gen.Int[0, size - 1].Select(leaf => (size, leaf)));

    [Fact]
    public void should_verify_every_honest_inclusion_proof_in_every_tree()
    {
        TreeAndLeaf.Sample(t =>
        {
            var tree = AuditSamples.Tree(t.Size);
            var proof = tree.Proofs.Inclusion(t.Leaf, t.Size);

            Assert.True(MerkleVerifier.VerifyInclusion(tree.LeafHash(t.Leaf), proof, tree.Root()).IsValid);
        }, iter: 300);
    }

    [Fact]
    public void should_verify_a_proof_against_every_earlier_size_the_leaf_is_in()
    {
        var tree = AuditSamples.Tree(70);
        for (var size = 1; size <= 70; size++)
        {
            for (var leaf = 0; leaf < size; leaf++)
            {
                Assert.True(MerkleVerifier.VerifyInclusion(tree.LeafHash(leaf), tree.Proofs.Inclusion(leaf, size), tree.Proofs.Root(size)).IsValid);
            }
        }
    }

    [Fact]
    public void should_reject_every_single_bit_mutation_of_leaf_path_root_or_index()
    {
        TreeAndLeaf.Where(t => t.Size > 1).Sample(t =>
        {
            var tree = AuditSamples.Tree(t.Size);
            var leafHash = tree.LeafHash(t.Leaf);
            var proof = tree.Proofs.Inclusion(t.Leaf, t.Size);
            var root = tree.Root();
            for (var bit = 0; bit < 256; bit++)
            {
                Assert.False(MerkleVerifier.VerifyInclusion(AuditSamples.FlipBit(leafHash, bit), proof, root).IsValid);
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof, AuditSamples.FlipBit(root, bit)).IsValid);
                for (var p = 0; p < proof.Path.Count; p++)
                {
                    var path = proof.Path.ToArray();
                    path[p] = AuditSamples.FlipBit(path[p], bit);
                    Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof with { Path = path }, root).IsValid);
                }
            }

            for (var bit = 0; bit < 63; bit++)
            {
                Assert.False(MerkleVerifier.VerifyInclusion(leafHash, proof with { LeafIndex = t.Leaf ^ (1L << bit) }, root).IsValid);
            }
        }, iter: 40);
    }

    [Fact]
    public void should_reject_every_single_bit_mutation_of_a_signed_version_proof()
    {
        using var signer = new TreeHeadSigner(TreeHeadKeys.Generate());
        var keys = new TreeHeadKeyRing();
        keys.Add(signer.PublicKey);
        var verifier = new AuditVerifier(keys);
        TreeAndLeaf.Sample(t =>
        {
            var tree = AuditSamples.Tree(t.Size);
            var leaf = AuditSamples.Leaf(t.Leaf);
            var proof = tree.Proofs.Inclusion(t.Leaf, t.Size);
            var head = AuditSamples.Head(signer, tree, t.Size);
            Assert.True(verifier.VerifyVersion(leaf, proof, head).IsValid);
            for (var bit = 0; bit < 256; bit++)
            {
                Assert.False(verifier.VerifyVersion(leaf with { ChainHash = AuditSamples.FlipBit(leaf.ChainHash, bit) }, proof, head).IsValid);
                Assert.False(verifier.VerifyVersion(leaf, proof, head with { RootHash = AuditSamples.FlipBit(head.RootHash, bit) }).IsValid);
                Assert.False(verifier.VerifyVersion(leaf, proof, head with { PreviousHeadHash = AuditSamples.FlipBit(head.PreviousHeadHash, bit) }).IsValid);
            }

            for (var bit = 0; bit < 512; bit++)
            {
                Assert.False(verifier.VerifyVersion(leaf, proof, head with { Signature = AuditSamples.FlipBit(head.Signature, bit) }).IsValid);
            }

            for (var bit = 0; bit < 63; bit++)
            {
                Assert.False(verifier.VerifyVersion(leaf with { Version = leaf.Version ^ (1L << bit) }, proof, head).IsValid);
                Assert.False(verifier.VerifyVersion(leaf, proof with { TreeSize = t.Size ^ (1L << bit) }, head).IsValid);
                Assert.False(verifier.VerifyVersion(leaf, proof, head with { TreeSize = t.Size ^ (1L << bit) }).IsValid);
                Assert.False(verifier.VerifyVersion(leaf, proof, head with { Timestamp = head.Timestamp.AddMilliseconds(1L << Math.Min(bit, 40)) }).IsValid);
            }
        }, iter: 20);
    }
}
