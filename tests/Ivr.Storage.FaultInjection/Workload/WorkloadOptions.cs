namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>Size of the load. The defaults suit a 2-core machine that also runs three silos and PostgreSQL.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Concurrent writers. The default value is 8.</summary>
    public int Writers { get; init; } = 8;

    /// <summary>Concurrent readers of current state and history (the change-feed followers come on top). The default value is 2.</summary>
    public int Readers { get; init; } = 2;

    /// <summary>
    /// Every how many reader iterations one reads the first page of a hot entity's history (oldest or newest first)
    /// instead of a current state; the first iteration always does, so even a short run reads pages through every
    /// transport. The default value is 10: unlike current state, each page is a query to PostgreSQL.
    /// </summary>
    public int HistoryEvery { get; init; } = 10;

    /// <summary>Versions per history page. The default value is 20.</summary>
    public int HistoryPageSize { get; init; } = 20;

    /// <summary>Changes per page of each transport's change-feed follower. The default value is 500.</summary>
    public int FeedPageSize { get; init; } = 500;

    /// <summary>How long a change-feed follower waits after a page that was not full. The default value is 100 ms.</summary>
    public TimeSpan FeedPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Entities every writer contends on with exact expected versions. The default value is 3.</summary>
    public int HotEntities { get; init; } = 3;

    /// <summary>Entities written with <c>Any</c>. The default value is 200.</summary>
    public int ColdEntities { get; init; } = 200;

    /// <summary>Share of writes that go to hot entities. The default value is 0.4.</summary>
    public double HotShare { get; init; } = 0.4;

    /// <summary>Share of writes with an invalid payload (must fail validation). The default value is 0.03.</summary>
    public double InvalidShare { get; init; } = 0.03;

    /// <summary>Share of writes that delete a cold entity. The default value is 0.03.</summary>
    public double DeleteShare { get; init; } = 0.03;

    /// <summary>
    /// Share of writers and of readers that go through the HTTP gateway instead of the Orleans client (rounded to whole
    /// workers). The default value is 0.5; with no gateway every worker uses the client.
    /// </summary>
    public double HttpShare { get; init; } = 0.5;

    /// <summary>Upper bound of operations per writer or reader, whatever the duration. The default value is 200,000.</summary>
    public int MaxOperationsPerWorker { get; init; } = 200_000;

    /// <summary>Pause of a worker after a failed call, so a down cluster is not hammered. The default value is 200 ms.</summary>
    public TimeSpan BackoffAfterFailure { get; init; } = TimeSpan.FromMilliseconds(200);
}
