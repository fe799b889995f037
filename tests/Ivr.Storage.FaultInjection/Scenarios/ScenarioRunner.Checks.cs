using System.Diagnostics;
using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Workload;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Scenarios;

public sealed partial class ScenarioRunner
{
    private async Task<CheckReport> CheckAsync(EntityWorkload workload)
    {
        var admin = cluster.Postgres.AdminConnectionString;
        var rows = await JournalReader.ReadRowsAsync(admin, workload.EntityType);
        var total = await JournalReader.CountRowsAsync(admin);
        var feed = await JournalReader.ReadFeedAsync(admin, total, TimeSpan.FromSeconds(10));
        return ConsistencyChecker.Check(workload.Requests, workload.Reads, rows, feed, total, workload.HistoryPages, workload.FollowedChanges);
    }

    /// <summary>
    /// Compares the read model with the journal (both read again each time) until they agree or
    /// <see cref="ScenarioOptions.ReadModelBound"/> passes on <paramref name="sinceLastWrite"/> (started when the
    /// workload's last write got its answer). Returns the time on that clock when they agreed, or null and one
    /// violation per entity that still differed.
    /// </summary>
    private async Task<(TimeSpan? Converged, IReadOnlyList<Violation> Divergence)> WaitForReadModelAsync(string entityType, Stopwatch sinceLastWrite)
    {
        var admin = cluster.Postgres.AdminConnectionString;
        IReadOnlyList<Violation> divergence = [];
        var left = options.ReadModelBound - sinceLastWrite.Elapsed;
        var converged = await Eventually.TryAsync(
            async () =>
            {
                var journal = await JournalReader.ReadLatestRowsAsync(admin, entityType);
                var readModel = await ReadModelReader.ReadAsync(admin, entityType);
                divergence = ReadModelConvergence.Compare(journal, readModel);
                return divergence.Count == 0;
            },
            left > TimeSpan.Zero ? left : TimeSpan.Zero,
            TimeSpan.FromMilliseconds(250));
        return converged ? (sinceLastWrite.Elapsed, []) : (null, divergence);
    }
}
