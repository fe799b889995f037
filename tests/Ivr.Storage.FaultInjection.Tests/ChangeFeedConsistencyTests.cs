using Ivr.Storage.FaultInjection.Checking;
using Ivr.Storage.FaultInjection.Workload;
using Xunit.Abstractions;

namespace Ivr.Storage.FaultInjection.Tests;

/// <summary>The change feed read from the start holds every journal row of the private database once, in (transaction, position) order.</summary>
[Collection(FaultInjectionCollection.Name)]
public sealed class ChangeFeedConsistencyTests(FaultClusterFixture fixture, ITestOutputHelper output)
{
    // Regression found by this suite: JournalSql.ReadFeed once selected "tx_id::text", an output column PostgreSQL
    // names tx_id, and "ORDER BY tx_id" binds to output names first, so pages were sorted as TEXT ('1000' < '999').
    // Once transaction ids differed in digit count (999 -> 1000, 9999 -> 10000, ...) a page's last row was not its
    // largest and the next page skipped rows and repeated others. A fresh database crosses 1000 during this test.
    [Fact]
    public async Task the_feed_from_the_start_holds_every_journal_row_once_in_transaction_order()
    {
        var cluster = fixture.Cluster;
        await cluster.EnsureSilosAsync();
        // Enough transactions that a fresh cluster's ids cross 1000 even when this test runs first.
        var workload = new EntityWorkload(cluster.Client, cluster.GatewayHttp, "feed", new WorkloadOptions { Writers = 8, Readers = 1 });
        await workload.SeedAsync(TimeSpan.FromSeconds(60));
        await workload.RunAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        await workload.RetryUnknownAsync(TimeSpan.FromSeconds(60));

        var admin = cluster.Postgres.AdminConnectionString;
        var rows = await JournalReader.ReadRowsAsync(admin, entityType: null);
        var feed = await JournalReader.ReadFeedAsync(admin, rows.Count, TimeSpan.FromSeconds(10));
        var report = ConsistencyChecker.Check([], [], rows, feed, rows.Count);
        output.WriteLine($"{rows.Count} journal rows, {feed.Count} feed changes");
        Assert.True(report.Passed, string.Join("\n", report.Violations.Take(20)));
    }
}
