using System.Diagnostics;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>
/// Combines the appends waiting at the same moment, from any number of grains on this silo, into one INSERT
/// (one transaction, one WAL flush). Each caller completes only after the statement committed.
/// <para>
/// When to start a statement: a lone append is flushed at once (nothing waits for company while the writer is idle).
/// While a statement is in flight, appends queue; a second concurrent statement starts only once
/// <see cref="JournalOptions.MinBatchSizeWhileBusy"/> appends wait, otherwise they go together when the statement in
/// flight completes. Starting a statement for every straggler (the earlier design: two loops, each taking whatever
/// queued) split a load of 64 writers into alternating batches of 1 and ~60, each paying a full round trip and commit;
/// measured on W1, batches were 1 / 11 / 58 rows at p10 / p50 / p90.
/// </para>
/// <para>
/// Back-pressure: the writer holds at most <see cref="JournalOptions.MaxQueuedAppends"/> appends and
/// <see cref="JournalOptions.MaxQueuedBytes"/> bytes at once, waiting or in flight. When the database is slower than
/// the writers, an append beyond either bound fails at once with <see cref="StoreUnavailableException"/>, never
/// attempted, so the caller can retry later; the queue cannot grow until the silo runs out of memory, and an append it
/// accepted is answered only by its statement's outcome as before.
/// </para>
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<PendingAppend> _waiting = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NpgsqlDataSource _dataSource;
    private readonly JournalOptions _options;
    private readonly JournalMetrics _metrics;
    private readonly ILogger _logger;
    private readonly int _maxInFlight;
    private int _inFlight;
    private bool _closed;

    public GroupCommitWriter(NpgsqlDataSource dataSource, JournalOptions options, JournalMetrics metrics, ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _maxInFlight = Math.Max(1, options.MaxConcurrentBatches);
    }

    /// <summary>
    /// Queues an append. Its <see cref="PendingAppend.Completion"/> completes with its feed position, or null on a
    /// unique-key conflict; its <see cref="PendingAppend.Timing"/> then says when it passed each stage.
    /// </summary>
    public PendingAppend Enqueue(JournalRecord record)
    {
        var pending = new PendingAppend(record);
        List<PendingAppend>? batch;
        lock (_gate)
        {
            if (_closed)
            {
                throw new StoreUnavailableException("The journal writer is shutting down; the write was not attempted.") { NotAttempted = true };
            }

            Hold(pending);
            _waiting.Enqueue(pending);
            _metrics.AppendQueued();
            batch = TakeDueBatch();
        }

        if (batch is not null)
        {
            StartFlush(batch);
        }

        return pending;
    }

    /// <summary>
    /// Under the gate: the next batch if a statement should start now, counted as in flight. Invariant: whenever
    /// appends wait, a statement is in flight, so nothing waits without a statement that will pick it up.
    /// </summary>
    private List<PendingAppend>? TakeDueBatch()
    {
        var due = _waiting.Count > 0
            && (_inFlight == 0 || (_inFlight < _maxInFlight && _waiting.Count >= _options.MinBatchSizeWhileBusy));
        if (!due)
        {
            return null;
        }

        var batch = new List<PendingAppend>(Math.Min(_waiting.Count, _options.MaxBatchSize));
        while (batch.Count < _options.MaxBatchSize && _waiting.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        _inFlight++;
        _metrics.BatchStarted(batch.Count);
        return batch;
    }

    /// <summary>Writes a batch, then keeps taking batches as long as one is due; starts a concurrent one when both are.</summary>
    private async Task FlushUntilIdleAsync(List<PendingAppend> batch)
    {
        while (true)
        {
            try
            {
                await FlushAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // FlushAsync answers every caller itself; this only guards the bookkeeping below, without which the
                // appends queued behind this statement would never be written.
                Release(batch);
                FailAll(batch, ex);
            }

            List<PendingAppend>? next;
            List<PendingAppend>? another = null;
            lock (_gate)
            {
                _inFlight--;
                _metrics.BatchEnded();
                next = TakeDueBatch();
                if (next is not null)
                {
                    // More than one batch's worth waited (MaxBatchSize): the rest may be due at once as well.
                    another = TakeDueBatch();
                }
                else if (_closed && _inFlight == 0)
                {
                    _drained.TrySetResult();
                }
            }

            if (another is not null)
            {
                StartFlush(another);
            }

            if (next is null)
            {
                return;
            }

            batch = next;
        }
    }

    private async Task FlushAsync(List<PendingAppend> batch)
    {
        var started = Stopwatch.GetTimestamp();
        Dictionary<(string Type, string Id, long Version), FeedPosition>? positions = null;
        Exception? failure = null;
        // The span ends before any caller is answered: callers' continuations run on this thread (PendingAppend) and
        // are not part of the statement; a caller also never sees its write answered before the statement's span ended.
        using (var activity = GroupCommitTracing.StartBatch(batch))
        {
            try
            {
                positions = await InsertAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ex;
                GroupCommitTracing.Failed(activity, ex);
            }
        }

        if (positions is not null)
        {
            Release(batch);
            var ended = Stopwatch.GetTimestamp();
            foreach (var pending in batch)
            {
                pending.StatementStarted = started;
                pending.StatementEnded = ended;
                var record = pending.Record;
                pending.Completion.TrySetResult(positions.TryGetValue((record.Key.Type, record.Key.Id, record.Version), out var p) ? p : null);
            }

            _metrics.RecordBatch(batch, positions.Count, Stopwatch.GetElapsedTime(started, ended));
        }
        else if (failure is PostgresException { IsTransient: false } refused && batch.Count > 1)
        {
            // A row the database refuses (not a unique conflict: those are skipped) must fail only its own write.
            LogBatchSplit(_logger, refused, batch.Count);
            foreach (var pending in batch)
            {
                await FlushAsync([pending]).ConfigureAwait(false);
            }
        }
        else
        {
            // Nothing in this batch is acknowledged. Whether the statement committed is unknown when the connection
            // broke mid-flight, so callers must reload before writing again; an idempotency key makes the retry safe.
            LogBatchFailed(_logger, failure!, batch.Count);
            _metrics.RecordFailedBatch(batch.Count);
            Release(batch);
            FailAll(batch, failure!);
        }
    }

    /// <summary>
    /// Runs a batch off the caller's thread (a grain's turn must not run the statement) and without its execution
    /// context (the statement belongs to every caller in the batch, not to the one that happened to start it).
    /// </summary>
    private void StartFlush(List<PendingAppend> batch) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Writer.FlushUntilIdleAsync(state.Batch), (Writer: this, Batch: batch), preferLocal: false);

    /// <summary>Answers every append of the batch: not acknowledged.</summary>
    private static void FailAll(List<PendingAppend> batch, Exception cause)
    {
        // No inner exception: this error crosses the cluster to clients, and driver exceptions do not serialize.
        var error = new StoreUnavailableException($"The journal did not confirm the write: {cause.Message}");
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(error);
        }
    }

    /// <summary>Refuses new appends and waits until every queued one has been written (or has failed).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            if (_inFlight == 0)
            {
                _drained.TrySetResult();
            }
        }

        await _drained.Task.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Count} appends was refused by PostgreSQL; retrying each append on its own")]
    private static partial void LogBatchSplit(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Count} appends failed; none is acknowledged")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
