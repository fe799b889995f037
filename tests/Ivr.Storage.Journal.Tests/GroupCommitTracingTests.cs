using System.Diagnostics;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Journal.Tests;

/// <summary>
/// The group commit's span: a lone append's statement continues its caller's trace; a statement for several appends
/// links to each caller instead (it belongs to all of them). Listens with a plain <see cref="ActivityListener"/>, as
/// OpenTelemetry does, to the journal's source and to a source of this test that stands for the grain call.
/// </summary>
public sealed class GroupCommitTracingTests : IDisposable
{
    private readonly ActivitySource _callers = new("Ivr.Storage.Journal.Tests.Callers");
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public GroupCommitTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JournalActivitySource.Name || source.Name == _callers.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (_stopped)
                {
                    _stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task a_lone_appends_statement_is_a_child_of_its_caller()
    {
        await using var harness = await JournalHarness.StartAsync();
        ActivityContext caller;
        Task<AppendOutcome> append;
        using (var call = _callers.StartActivity("caller"))
        {
            caller = call!.Context;
            append = harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null));
        }

        Assert.IsType<AppendOutcome.Committed>(await append);
        var batch = Assert.Single(Stopped(), span => span.Source.Name == JournalActivitySource.Name && span.ParentSpanId == caller.SpanId);
        Assert.Equal(caller.TraceId, batch.TraceId);
        Assert.Equal(1, batch.GetTagItem("ivr.journal.batch.size"));
    }

    [Fact]
    public async Task a_statement_for_several_appends_is_a_root_linked_to_every_caller()
    {
        await using var database = await TestDatabase.CreateAsync("ivr_storage_gc");
        await using var harness = await JournalHarness.StartAsync(options => options.MaxConcurrentBatches = 1, database.JournalConnectionString);
        var callers = new List<ActivityContext>();
        var appends = new List<Task<AppendOutcome>>();
        await using (var locker = await JournalTableLock.HoldAsync(database))
        {
            // The first statement waits for the lock; these three queue behind it and go together afterwards.
            appends.Add(harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null)));
            await JournalTableLock.WaitForBlockedInsertsAsync(database, expected: 1);
            for (var i = 0; i < 3; i++)
            {
                using var call = _callers.StartActivity("caller");
                callers.Add(call!.Context);
                appends.Add(harness.Journal.AppendAsync(TestChains.Next(JournalHarness.NewKey(), null)));
            }
        }

        foreach (var append in appends)
        {
            Assert.IsType<AppendOutcome.Committed>(await append);
        }

        var batch = Assert.Single(Stopped(), span => span.Source.Name == JournalActivitySource.Name && span.Links.Any(link => callers.Contains(link.Context)));
        Assert.Equal(default, batch.ParentSpanId);
        Assert.Equal(callers.Select(c => c.SpanId.ToHexString()).Order(), batch.Links.Select(link => link.Context.SpanId.ToHexString()).Order());
        Assert.Equal(3, batch.GetTagItem("ivr.journal.batch.size"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _callers.Dispose();
    }

    private Activity[] Stopped()
    {
        lock (_stopped)
        {
            return [.. _stopped];
        }
    }
}
