using Ivr.Storage.Audit.Heads;

namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// Writes each head to <c>{directory}/head-{size:D20}.json</c> (sizes sort as names), never overwriting: a file that
/// exists for a size is left as it is, so a head once exported cannot be replaced through this sink. Point it at a
/// volume the database's administrators cannot write (another host, an append-only mount).
/// </summary>
public sealed class DirectoryTreeHeadSink(string directory) : ITreeHeadSink
{
    public string Directory => directory;

    public static string FileName(long treeSize) => $"head-{treeSize:D20}.json";

    public async Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(head.TreeSize));
        if (File.Exists(path))
        {
            return;
        }

        // Written aside and moved into place, so a reader never sees half a head.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, TreeHeadJson.Serialize(head) + "\n", cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
