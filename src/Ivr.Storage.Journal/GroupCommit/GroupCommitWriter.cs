using System.Diagnostics;
using System.Threading.Channels;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ivr.Storage.Journal.GroupCommit;

/// <summary>
/// Combines the appends waiting at the same moment, from any number of grains on this silo, into one INSERT
/// (one transaction, one WAL flush). Each caller completes only after the statement committed. A lone append
/// is flushed at once: loops never wait for company, they only take what queued while earlier commits ran.
/// </summary>
internal sealed partial class GroupCommitWriter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly NpgsqlDataSource _dataSource;
    private readonly JournalOptions _options;
    private readonly JournalMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task[] _loops;

    public GroupCommitWriter(NpgsqlDataSource dataSource, JournalOptions options, JournalMetrics metrics, ILogger logger)
    {
        _dataSource = dataSource;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _loops = Enumerable.Range(0, Math.Max(1, options.MaxConcurrentBatches)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Queues an append; the task completes with its feed position, or null on a unique-key conflict.</summary>
    public Task<FeedPosition?> EnqueueAsync(JournalRecord record)
    {
        var pending = new PendingAppend(record);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new StoreUnavailableException("The journal writer is shutting down; the write was not attempted.");
        }

        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await FlushAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task FlushAsync(List<PendingAppend> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var positions = await InsertAsync(batch).ConfigureAwait(false);
            foreach (var pending in batch)
            {
                var record = pending.Record;
                pending.Completion.TrySetResult(positions.TryGetValue((record.Key.Type, record.Key.Id, record.Version), out var p) ? p : null);
            }

            _metrics.RecordBatch(batch, positions.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (PostgresException ex) when (!ex.IsTransient && batch.Count > 1)
        {
            // A row the database refuses (not a unique conflict: those are skipped) must fail only its own write.
            LogBatchSplit(_logger, ex, batch.Count);
            foreach (var pending in batch)
            {
                await FlushAsync([pending]).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Nothing in this batch is acknowledged. Whether the statement committed is unknown when the connection
            // broke mid-flight, so callers must reload before writing again; an idempotency key makes the retry safe.
            LogBatchFailed(_logger, ex, batch.Count);
            _metrics.RecordFailedBatch(batch.Count);
            // No inner exception: this error crosses the cluster to clients, and driver exceptions do not serialize.
            var error = new StoreUnavailableException($"The journal did not confirm the write: {ex.Message}");
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group commit of {Count} appends was refused by PostgreSQL; retrying each append on its own")]
    private static partial void LogBatchSplit(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Group commit of {Count} appends failed; none is acknowledged")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
