using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Audit.Merkle;

namespace Ivr.Storage.Audit.Tests.Forgery;

/// <summary>Proofs an attacker builds from honest parts; each must fail and say why.</summary>
public sealed class ForgedProofTests : IDisposable
{
    private readonly TreeHeadSigner _signer = new(TreeHeadKeys.Generate());
    private readonly AuditVerifier _verifier;
    private readonly MemoryMerkleTree _tree = AuditSamples.Tree(21);

    public ForgedProofTests()
    {
        var keys = new TreeHeadKeyRing();
        keys.Add(_signer.PublicKey);
        _verifier = new AuditVerifier(keys);
    }

    [Fact]
    public void should_reject_a_proof_with_two_siblings_swapped()
    {
        var proof = _tree.Proofs.Inclusion(5, 21);
        var path = proof.Path.ToArray();
        (path[0], path[1]) = (path[1], path[0]);

        var result = MerkleVerifier.VerifyInclusion(_tree.LeafHash(5), proof with { Path = path }, _tree.Root());

        Assert.Equal(AuditFailure.RootMismatch, result.Failure);
    }

    [Fact]
    public void should_reject_a_truncated_or_padded_path()
    {
        var proof = _tree.Proofs.Inclusion(5, 21);

        Assert.Equal(AuditFailure.PathTooShort, MerkleVerifier.VerifyInclusion(_tree.LeafHash(5), proof with { Path = proof.Path.SkipLast(1).ToArray() }, _tree.Root()).Failure);
        Assert.Equal(AuditFailure.PathTooLong, MerkleVerifier.VerifyInclusion(_tree.LeafHash(5), proof with { Path = [.. proof.Path, _tree.Root()] }, _tree.Root()).Failure);
    }

    [Fact]
    public void should_reject_a_proof_for_size_n_against_a_head_of_size_m()
    {
        var head = AuditSamples.Head(_signer, _tree, 21);
        var proofForSixteen = _tree.Proofs.Inclusion(3, 16);

        var result = _verifier.VerifyVersion(AuditSamples.Leaf(3), proofForSixteen, head);

        Assert.Equal(AuditFailure.TreeSizeMismatch, result.Failure);
        Assert.False(MerkleVerifier.VerifyInclusion(_tree.LeafHash(3), proofForSixteen with { TreeSize = 21 }, _tree.Root()).IsValid);
    }

    [Fact]
    public void should_reject_an_interior_node_passed_as_a_leaf()
    {
        // Node (1, 2) covers leaves 4 and 5. Taken as leaf 2 of a tree of 8 such "leaves", the path above it does lead
        // to the root of 16: RFC 9162's walk cannot tell, which is why the verifier hashes the leaf itself (0x00 prefix)
        // and holds the proof to the signed head's size.
        var head = AuditSamples.Head(_signer, _tree, 16);
        var full = _tree.Proofs.Inclusion(4, 16);
        var node = MerkleHash.Node(_tree.LeafHash(4), _tree.LeafHash(5));
        var aboveNode = full with { LeafIndex = 2, TreeSize = 8, Path = full.Path.Skip(1).ToArray() };

        Assert.True(MerkleVerifier.VerifyInclusion(node, aboveNode, head.RootHash).IsValid);
        Assert.Equal(AuditFailure.TreeSizeMismatch, _verifier.VerifyVersion(AuditSamples.Leaf(4), aboveNode, head).Failure);
        Assert.Equal(AuditFailure.PathTooShort, MerkleVerifier.VerifyInclusion(node, full with { Path = aboveNode.Path }, head.RootHash).Failure);
        Assert.False(MerkleVerifier.VerifyInclusion(MerkleHash.Leaf([.. _tree.LeafHash(4), .. _tree.LeafHash(5)]), aboveNode, head.RootHash).IsValid);
    }

    [Fact]
    public void should_reject_a_head_signed_by_an_unknown_key()
    {
        using var stranger = new TreeHeadSigner(TreeHeadKeys.Generate());
        var head = AuditSamples.Head(stranger, _tree, 21);

        var result = _verifier.VerifyVersion(AuditSamples.Leaf(0), _tree.Proofs.Inclusion(0, 21), head);

        Assert.Equal(AuditFailure.UnknownKey, result.Failure);
        Assert.Equal(AuditFailure.BadSignature, _verifier.VerifyVersion(AuditSamples.Leaf(0), _tree.Proofs.Inclusion(0, 21), head with { KeyId = _signer.KeyId }).Failure);
    }

    [Fact]
    public void should_reject_a_head_whose_size_shrinks()
    {
        var earlier = AuditSamples.Head(_signer, _tree, 21);
        var later = AuditSamples.Head(_signer, _tree, 13, earlier.HeadHash());

        Assert.Equal(AuditFailure.SizeShrinks, _verifier.VerifyExtension(earlier, later, _tree.Proofs.Consistency(13, 21)).Failure);
        Assert.Equal(AuditFailure.SizeShrinks, _verifier.VerifySuccessor(earlier, later).Failure);
        Assert.Equal(AuditFailure.SizeShrinks, MerkleVerifier.VerifyConsistency(new ConsistencyProof(21, 13, []), earlier.RootHash, later.RootHash).Failure);
    }

    [Fact]
    public void should_reject_a_consistency_proof_for_other_sizes_than_the_heads()
    {
        var earlier = AuditSamples.Head(_signer, _tree, 8);
        var later = AuditSamples.Head(_signer, _tree, 21);

        Assert.True(_verifier.VerifyExtension(earlier, later, _tree.Proofs.Consistency(8, 21)).IsValid);
        Assert.Equal(AuditFailure.TreeSizeMismatch, _verifier.VerifyExtension(earlier, later, _tree.Proofs.Consistency(7, 21)).Failure);
        Assert.False(MerkleVerifier.VerifyConsistency(_tree.Proofs.Consistency(7, 21) with { FirstSize = 8 }, earlier.RootHash, later.RootHash).IsValid);
    }

    [Fact]
    public void should_call_two_heads_of_one_size_with_different_roots_a_fork()
    {
        var forked = new MemoryMerkleTree();
        for (var i = 0; i < 20; i++)
        {
            forked.Append(i == 9 ? AuditSamples.Leaf(99).Hash() : _tree.LeafHash(i));
        }

        var result = MerkleVerifier.VerifyConsistency(new ConsistencyProof(20, 20, []), _tree.Proofs.Root(20), forked.Root());

        Assert.Equal(AuditFailure.Fork, result.Failure);
    }

    [Fact]
    public void should_reject_hashes_of_the_wrong_length()
    {
        var proof = _tree.Proofs.Inclusion(5, 21);

        Assert.Equal(AuditFailure.MalformedHash, MerkleVerifier.VerifyInclusion(_tree.LeafHash(5), proof with { Path = [.. proof.Path.Skip(1), new byte[31]] }, _tree.Root()).Failure);
        Assert.Equal(AuditFailure.OutOfRange, MerkleVerifier.VerifyInclusion(_tree.LeafHash(5), proof with { LeafIndex = 21 }, _tree.Root()).Failure);
    }

    public void Dispose() => _signer.Dispose();
}
