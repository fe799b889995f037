using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// A write-once (WORM) directory: each head becomes <c>head-{size:D20}.json</c>, moved into place without replacing
/// anything (an atomic no-replace rename) and then made read-only (0444). Exporting the same head again changes
/// nothing; a <em>different</em> head for a size already exported is refused with <see cref="TreeHeadSinkException"/>
/// and the file stays as it was: two heads of one size are a fork, and the first is the evidence. Read-only bits stop
/// mistakes, not a superuser of this host: put the directory on storage with retention of its own (an NFS export of a
/// WORM appliance, a filesystem with immutable files), or use an S3 Object Lock bucket (see <see cref="ITreeHeadSink"/>).
/// </summary>
public sealed class WriteOnceDirectoryTreeHeadSink(string directory) : ITreeHeadSink
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public async Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, DirectoryTreeHeadSink.FileName(head.TreeSize));
        var content = TreeHeadJson.Serialize(head) + "\n";
        if (!File.Exists(path))
        {
            var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await using var writer = new StreamWriter(file);
                await writer.WriteAsync(content.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                SetReadOnly(path);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another export of this size got there first: compare with it below.
                File.Delete(temporary);
            }
        }

        SetReadOnly(path);
        var existing = await File.ReadAllTextAsync(path, cancellationToken);
        if (!string.Equals(existing, content, StringComparison.Ordinal))
        {
            throw new TreeHeadSinkException($"{path} already holds a different head of size {head.TreeSize}: a head once exported is never replaced (two heads of one size are a fork).");
        }
    }

    private static void SetReadOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, ReadOnly);
        }
    }
}
