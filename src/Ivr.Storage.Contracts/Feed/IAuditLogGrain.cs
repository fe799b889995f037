using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>
/// The transparency log's writer (key: the log's name, <see cref="Journal"/>), running in the cluster. Orleans keeps one
/// activation; the database fences a duplicate (issue 21, README "Audit").
/// </summary>
[Alias("ivr.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Name of the log over the journal.</summary>
    public const string Journal = "journal";

    /// <summary>Activates the writer if it is not running (its timer keeps it alive afterwards).</summary>
    [Alias("ensure-running")]
    Task EnsureRunning();

    /// <summary>How many versions the log holds.</summary>
    [Alias("tree-size"), AlwaysInterleave]
    Task<long> GetTreeSize();
}
