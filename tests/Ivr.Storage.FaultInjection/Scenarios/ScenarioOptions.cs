using Ivr.Storage.FaultInjection.Workload;

namespace Ivr.Storage.FaultInjection.Scenarios;

/// <summary>How long and how hard one scenario runs.</summary>
public sealed record ScenarioOptions
{
    /// <summary>Load duration; the fault starts after a third of it. The default value is 6 s (the short form).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(6);

    public WorkloadOptions Workload { get; init; } = new();

    /// <summary>
    /// Acknowledged writes (in all, and through the HTTP gateway) the load must reach before it stops: a loaded machine
    /// acknowledges fewer in <see cref="Duration"/>, so the load goes on, up to <see cref="MinimumLoadBound"/> more, until
    /// the run has enough to prove something. The default values are 0 (the duration alone decides).
    /// </summary>
    public (int All, int OverHttp) MinimumAcknowledged { get; init; }

    /// <summary>Longest the load is extended to reach <see cref="MinimumAcknowledged"/>. The default value is 90 s.</summary>
    public TimeSpan MinimumLoadBound { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long Redis stays down. The default value is 4 s (the long form uses 30 s).</summary>
    public TimeSpan RedisOutage { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Start/stop cycles of the churning silo; 0 means as many as fit in the duration. The default value is 2.</summary>
    public int ChurnCycles { get; init; } = 2;

    /// <summary>Longest a paused silo may take to be declared dead. The default value is 60 s.</summary>
    public TimeSpan DeathDeclarationBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest the cluster may take to serve a write and a read again after the fault. The default value is 60 s.</summary>
    public TimeSpan RecoveryBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest the read model may take, after the last write, to show every entity as the journal does. The default value is 30 s.</summary>
    public TimeSpan ReadModelBound { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Budget for retrying every write whose outcome is unknown. The default value is 90 s.</summary>
    public TimeSpan RetryBound { get; init; } = TimeSpan.FromSeconds(90);
}
