using System.Runtime.Versioning;
using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>The write-once head directory: each size once, read-only, the same head again is a no-op, another head is refused.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class WriteOnceDirectoryTreeHeadSinkTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ivr-worm-heads-");
    private readonly TreeHeadSigner _signer = new(TreeHeadKeys.Generate());

    [Fact]
    public async Task should_write_each_head_once_read_only_and_take_the_same_head_again_as_done()
    {
        var sink = new WriteOnceDirectoryTreeHeadSink(_directory.FullName);
        var head = Head(5, 1);

        await sink.ExportAsync(head, CancellationToken.None);
        await sink.ExportAsync(head, CancellationToken.None);

        var file = Path.Combine(_directory.FullName, DirectoryTreeHeadSink.FileName(5));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(file));
        Assert.Equal(TreeHeadJson.Serialize(head), TreeHeadJson.Serialize(TreeHeadJson.Parse(await File.ReadAllTextAsync(file))));
        Assert.Single(_directory.GetFiles());
    }

    [Fact]
    public async Task should_refuse_a_different_head_for_an_exported_size_and_keep_the_first()
    {
        var sink = new WriteOnceDirectoryTreeHeadSink(_directory.FullName);
        var first = Head(5, 1);
        await sink.ExportAsync(first, CancellationToken.None);

        // Attack: a forked head (another root) for the same size, as a rewritten database would sign it.
        var error = await Assert.ThrowsAsync<TreeHeadSinkException>(() => sink.ExportAsync(Head(5, 2), CancellationToken.None));

        Assert.Contains("different head of size 5", error.Message, StringComparison.Ordinal);
        var kept = TreeHeadJson.Parse(await File.ReadAllTextAsync(Path.Combine(_directory.FullName, DirectoryTreeHeadSink.FileName(5))));
        Assert.Equal(first.RootHash, kept.RootHash);
    }

    public void Dispose()
    {
        _signer.Dispose();
        foreach (var file in _directory.GetFiles())
        {
            File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _directory.Delete(recursive: true);
    }

    private SignedTreeHead Head(long size, byte root) =>
        _signer.Sign(size, Enumerable.Repeat(root, 32).ToArray(), DateTimeOffset.UnixEpoch.AddDays(1), SignedTreeHead.NoPreviousHead());
}
