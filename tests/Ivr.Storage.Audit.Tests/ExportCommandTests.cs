using System.Text.Json.Nodes;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.Verify.Export;

namespace Ivr.Storage.Audit.Tests;

/// <summary>
/// <c>ivr-storage-verify export</c> on files it must refuse without a store; honest and changed exports from a real
/// gateway are checked by AuditorWorkedExampleTests, superuser tampering by SuperuserTamperingTests.
/// </summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ivr-verify-export-");
    private readonly TreeHeadSigner _signer = new(TreeHeadKeys.Generate());

    [Fact]
    public void should_refuse_an_export_against_another_head_than_the_kept_one()
    {
        var head = AuditSamples.Head(_signer, AuditSamples.Tree(9), 9);
        var kept = AuditSamples.Head(_signer, AuditSamples.Tree(5), 5);

        Assert.Equal(1, Run(Export(head, type: null, to: 9), kept, out var output));
        Assert.StartsWith("invalid: TreeSizeMismatch", output, StringComparison.Ordinal);
    }

    [Fact]
    public void should_name_the_first_missing_leaf_of_an_export_of_every_type_that_holds_too_few_lines()
    {
        var head = AuditSamples.Head(_signer, AuditSamples.Tree(4), 4);

        Assert.Equal(1, Run(Export(head, type: null, to: 4), head, out var output));
        Assert.StartsWith("invalid: VersionMissing: leaf 0 is missing", output, StringComparison.Ordinal);
        Assert.Equal(1, Run(Export(head, type: null, to: 7), head, out var beyond));
        Assert.Contains("outside head 4", beyond, StringComparison.Ordinal);
    }

    [Fact]
    public void should_refuse_an_export_whose_head_is_signed_by_an_unknown_key()
    {
        using var stranger = new TreeHeadSigner(TreeHeadKeys.Generate());
        var head = AuditSamples.Head(stranger, AuditSamples.Tree(3), 3);

        Assert.Equal(1, Run(Export(head, type: "call-session", to: 3), null, out var output));
        Assert.StartsWith("invalid: UnknownKey", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"head\":{\"treeSize\":1}}")]
    public void should_answer_an_unreadable_export_with_exit_code_2(string text)
    {
        Assert.Equal(2, Run(Write("bad.ndjson", text), null, out var output));
        Assert.StartsWith("error: ", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _signer.Dispose();
        _directory.Delete(recursive: true);
    }

    private string Export(SignedTreeHead head, string? type, long to) =>
        Write("export.ndjson", new JsonObject { ["head"] = TreeHeadJson.ToJson(head), ["type"] = type, ["from"] = 0, ["to"] = to }.ToJsonString() + "\n");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private int Run(string export, SignedTreeHead? kept, out string output)
    {
        using var writer = new StringWriter();
        var key = Write("key.pem", TreeHeadKeys.ExportPublicPem(_signer.PublicKey));
        var code = ExportCommand.Run(export, [key], kept is null ? null : Write("kept.json", TreeHeadJson.Serialize(kept)), writer);
        output = writer.ToString();
        return code;
    }
}
