using Ivr.Storage.Audit.Heads;
using Ivr.Storage.AuditLog.Sinks;

namespace Ivr.Storage.Benchmarks.Silo;

/// <summary>
/// The bench silo's transparency-log settings: a directory of the session's own holds the signing key and the head
/// sink's files; the harness keeps the public key, as an auditor would.
/// </summary>
internal sealed class BenchAudit : IDisposable
{
    public const string DirectoryVariable = "IVR_BENCH_AUDIT";
    public const string SigningKeyFile = "signing.pem";
    public const string PublicKeyFile = "log-key.pem";
    public const string HeadDirectory = "heads";

    /// <summary>A head at least every second while the log grows (production's default is 10 s).</summary>
    public static readonly TimeSpan HeadInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often the caught-up writer looks at the feed (production's default is 1 s).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private BenchAudit(DirectoryInfo directory) => Directory = directory;

    public DirectoryInfo Directory { get; }

    public string PublicKeyPath => Path.Combine(Directory.FullName, PublicKeyFile);

    public string HeadPath(long treeSize) => Path.Combine(Directory.FullName, HeadDirectory, DirectoryTreeHeadSink.FileName(treeSize));

    public static BenchAudit Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ivr-bench-audit-");
        using var key = TreeHeadKeys.Generate();
        File.WriteAllText(Path.Combine(directory.FullName, SigningKeyFile), TreeHeadKeys.ExportPrivatePem(key));
        File.WriteAllText(Path.Combine(directory.FullName, PublicKeyFile), TreeHeadKeys.ExportPublicPem(key.PublicKey));
        return new BenchAudit(directory);
    }

    public void Dispose() => Directory.Delete(recursive: true);
}
