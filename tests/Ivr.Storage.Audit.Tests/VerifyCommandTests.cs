using System.Text.Json.Nodes;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Verify;

namespace Ivr.Storage.Audit.Tests;

/// <summary>ivr-storage-verify on files shaped as the gateway returns and the head sink exports them.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ivr-verify-");
    private readonly TreeHeadSigner _signer = new(TreeHeadKeys.Generate());

    [Fact]
    public void should_accept_an_honest_proof_and_name_what_fails_in_a_forged_one()
    {
        var (proof, head) = ProofFile(leaf: 4, size: 11);
        var key = Write("key.pem", TreeHeadKeys.ExportPublicPem(_signer.PublicKey));

        Assert.Equal(0, Run(Write("proof.json", proof.ToJsonString()), [key], Write("head.json", TreeHeadJson.Serialize(head)), out var valid));
        Assert.StartsWith("valid: call-session/audit-4", valid, StringComparison.Ordinal);

        proof["chainHash"] = Convert.ToHexStringLower(AuditSamples.FlipBit(AuditSamples.Leaf(4).ChainHash, 7));
        Assert.Equal(1, Run(Write("forged.json", proof.ToJsonString()), [key], null, out var forged));
        Assert.Contains("RootMismatch", forged, StringComparison.Ordinal);
    }

    [Fact]
    public void should_refuse_a_proof_against_another_head_than_the_kept_one_or_an_untrusted_key()
    {
        var (proof, _) = ProofFile(leaf: 2, size: 9);
        var (_, kept) = ProofFile(leaf: 2, size: 5);
        using var stranger = new TreeHeadSigner(TreeHeadKeys.Generate());
        var proofFile = Write("proof.json", proof.ToJsonString());

        Assert.Equal(1, Run(proofFile, [Write("key.pem", TreeHeadKeys.ExportPublicPem(_signer.PublicKey))], Write("kept.json", TreeHeadJson.Serialize(kept)), out var other));
        Assert.Contains("TreeSizeMismatch", other, StringComparison.Ordinal);
        Assert.Equal(1, Run(proofFile, [Write("stranger.pem", TreeHeadKeys.ExportPublicPem(stranger.PublicKey))], null, out var unknown));
        Assert.Contains("UnknownKey", unknown, StringComparison.Ordinal);
        Assert.Equal(2, Run(Write("garbage.json", "{\"type\":1}"), [Write("key2.pem", TreeHeadKeys.ExportPublicPem(_signer.PublicKey))], null, out var garbage));
        Assert.StartsWith("error: Not a version proof", garbage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _directory.Delete(recursive: true);
    }

    private (JsonObject Proof, SignedTreeHead Head) ProofFile(long leaf, long size)
    {
        var tree = AuditSamples.Tree(size);
        var head = AuditSamples.Head(_signer, tree, size);
        var inclusion = tree.Proofs.Inclusion(leaf, size);
        var entry = AuditSamples.Leaf(leaf);
        var proof = new JsonObject
        {
            ["type"] = entry.Type,
            ["id"] = entry.Id,
            ["version"] = entry.Version,
            ["chainHash"] = Convert.ToHexStringLower(entry.ChainHash),
            ["leafIndex"] = leaf,
            ["treeSize"] = size,
            ["path"] = new JsonArray([.. inclusion.Path.Select(p => (JsonNode)Convert.ToHexStringLower(p))]),
            ["head"] = TreeHeadJson.ToJson(head),
        };
        return (proof, head);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static int Run(string proof, string[] keys, string? head, out string output)
    {
        using var writer = new StringWriter();
        var code = VerifyCommand.Run(proof, keys, head, writer);
        output = writer.ToString();
        return code;
    }
}
