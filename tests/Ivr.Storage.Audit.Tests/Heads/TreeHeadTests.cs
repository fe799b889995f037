using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.Audit.Tests.Heads;

public sealed class TreeHeadTests
{
    [Fact]
    public void should_verify_heads_of_a_rotated_out_key_while_the_ring_keeps_it()
    {
        using var old = new TreeHeadSigner(TreeHeadKeys.Generate());
        using var current = new TreeHeadSigner(TreeHeadKeys.Generate());
        var tree = AuditSamples.Tree(9);
        var first = AuditSamples.Head(old, tree, 5);
        var second = AuditSamples.Head(current, tree, 9, first.HeadHash());
        var keys = new TreeHeadKeyRing();
        keys.AddPem(TreeHeadKeys.ExportPublicPem(old.PublicKey));
        keys.AddPem(TreeHeadKeys.ExportPublicPem(current.PublicKey));
        var verifier = new AuditVerifier(keys);

        Assert.True(keys.Verify(first).IsValid);
        Assert.True(verifier.VerifySuccessor(first, second).IsValid);
        Assert.True(verifier.VerifyExtension(first, second, tree.Proofs.Consistency(5, 9)).IsValid);
        Assert.Equal(2, keys.KeyIds.Count);
    }

    [Fact]
    public void should_break_the_chain_when_a_head_names_another_predecessor()
    {
        using var signer = new TreeHeadSigner(TreeHeadKeys.Generate());
        var keys = new TreeHeadKeyRing();
        keys.Add(signer.PublicKey);
        var tree = AuditSamples.Tree(9);
        var first = AuditSamples.Head(signer, tree, 5);
        var skipped = AuditSamples.Head(signer, tree, 9);

        Assert.Equal(AuditFailure.ChainBroken, new AuditVerifier(keys).VerifySuccessor(first, skipped).Failure);
    }

    [Fact]
    public void should_sign_the_same_head_content_identically_and_load_keys_from_pem()
    {
        using var key = TreeHeadKeys.Generate();
        var pem = TreeHeadKeys.ExportPrivatePem(key);
        using var signer = new TreeHeadSigner(TreeHeadKeys.ImportPrivatePem(pem));
        using var again = new TreeHeadSigner(TreeHeadKeys.ImportPrivatePem(pem));
        var tree = AuditSamples.Tree(3);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.Equal(AuditSamples.Head(signer, tree, 3), AuditSamples.Head(again, tree, 3), HeadComparer.Instance);
        Assert.Equal(16, signer.KeyId.Length);
    }

    private sealed class HeadComparer : IEqualityComparer<SignedTreeHead>
    {
        public static readonly HeadComparer Instance = new();

        public bool Equals(SignedTreeHead? x, SignedTreeHead? y) =>
            x is not null && y is not null && x.SignedBytes().AsSpan().SequenceEqual(y.SignedBytes()) && x.Signature.AsSpan().SequenceEqual(y.Signature);

        public int GetHashCode(SignedTreeHead obj) => obj.TreeSize.GetHashCode();
    }
}
