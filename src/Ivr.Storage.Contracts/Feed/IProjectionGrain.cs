using Orleans.Concurrency;

namespace Ivr.Storage.Contracts;

/// <summary>
/// One read-model projection (key: its name, e.g. <c>current-state</c>), running in the cluster. Orleans keeps one
/// activation; the database fences a duplicate (see README, "Read model").
/// </summary>
[Alias("ivr.IProjectionGrain")]
public interface IProjectionGrain : IGrainWithStringKey
{
    /// <summary>Name of the built-in projection of every entity's current state.</summary>
    public const string CurrentState = "current-state";

    /// <summary>Activates the projection if it is not running (its timer keeps it alive afterwards).</summary>
    [Alias("ensure-running")]
    Task EnsureRunning();

    /// <summary>Where the projection stands.</summary>
    [Alias("status"), AlwaysInterleave]
    Task<ProjectionStatus> GetStatus();
}
