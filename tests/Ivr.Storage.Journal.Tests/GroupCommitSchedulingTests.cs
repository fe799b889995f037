using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// When group commit starts a statement. A table lock held by the test keeps the first statement in flight (its
/// INSERT waits for the lock), so what queues behind it is deterministic; the writer's queue and statements in flight
/// are read from its instruments; the appends that went in one statement share a transaction id.
/// </summary>
public sealed class GroupCommitSchedulingTests
{
    private const int Threshold = 16;

    [Fact]
    public async Task a_lone_append_is_written_at_once()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        await using var harness = await JournalHarness.StartAsync(Configure, database.JournalConnectionString);

        var append = harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null));

        // Nothing else is queued or in flight: no waiting for company (bounded, so a regression fails instead of hanging).
        Assert.Same(append, await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.IsType<AppendOutcome.Committed>(await append);
    }

    [Fact]
    public async Task a_few_appends_behind_a_statement_in_flight_wait_for_it_and_then_go_in_one_statement()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        await using var harness = await JournalHarness.StartAsync(Configure, database.JournalConnectionString);
        using var waiting = new MetricCollector<int>(harness.MeterFactory, JournalMetrics.MeterName, "ivr.journal.appends.waiting");
        using var inFlight = new MetricCollector<int>(harness.MeterFactory, JournalMetrics.MeterName, "ivr.journal.batches.in_flight");
        Task<AppendOutcome> first;
        Task<AppendOutcome>[] behind;
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            first = harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null));
            behind = Enumerable.Range(0, Threshold - 1).Select(_ => harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null))).ToArray();
            // The writer decides whether to start a statement as it queues an append, before AppendAsync returns; with
            // the first statement held by the lock, nothing changes its state until the lock is released. So its state
            // now is the decision: below the threshold no second statement started, though one more could be in flight.
            Assert.Equal(Threshold - 1, Sum(waiting));
            Assert.Equal(1, Sum(inFlight));
            await JournalTableLock.WaitForBlockedInsertsAsync(database, expected: 1);
            Assert.Equal(1, await JournalTableLock.BlockedInsertsAsync(database));
        }

        var firstTransaction = Transaction(await first);
        var transactions = (await Task.WhenAll(behind)).Select(Transaction).Distinct().ToArray();
        Assert.Single(transactions);
        Assert.NotEqual(firstTransaction, transactions[0]);
    }

    [Fact]
    public async Task enough_appends_behind_a_statement_in_flight_start_a_second_statement_at_once()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        await using var harness = await JournalHarness.StartAsync(Configure, database.JournalConnectionString);
        Task<AppendOutcome> first;
        Task<AppendOutcome>[] behind;
        Task<AppendOutcome>[] overflow;
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            first = harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null));
            behind = Enumerable.Range(0, Threshold).Select(_ => harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null))).ToArray();
            // Two statements are in flight now (the maximum): these wait, however many they are.
            overflow = Enumerable.Range(0, Threshold + 3).Select(_ => harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null))).ToArray();
            await JournalTableLock.WaitForBlockedInsertsAsync(database, expected: 2);
        }

        var firstTransaction = Transaction(await first);
        var second = (await Task.WhenAll(behind)).Select(Transaction).Distinct().ToArray();
        var third = (await Task.WhenAll(overflow)).Select(Transaction).Distinct().ToArray();
        Assert.Single(second);
        Assert.Single(third);
        Assert.Equal(3, new[] { firstTransaction, second[0], third[0] }.Distinct().Count());
    }

    private static void Configure(JournalOptions options)
    {
        options.MaxConcurrentBatches = 2;
        options.MinBatchSizeWhileBusy = Threshold;
    }

    private static ulong Transaction(AppendOutcome outcome) => Assert.IsType<AppendOutcome.Committed>(outcome).Position.Transaction;

    /// <summary>The instrument's value now: the sum of the writer's changes to it.</summary>
    private static int Sum(MetricCollector<int> collector) => collector.GetMeasurementSnapshot().Sum(measurement => measurement.Value);
}
