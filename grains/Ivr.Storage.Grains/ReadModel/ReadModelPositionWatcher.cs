using Ivr.Storage.Contracts;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ivr.Storage.Grains.ReadModel;

/// <summary>
/// Where read-model queries with a minimum position wait, outside the query grain: the grain awaits a task here
/// between its turns (it is reentrant), so a waiting query holds neither a grain turn nor a connection. One loop per
/// silo polls the projection's position for all waiters, and only while there are any; the projection, when it runs
/// on this silo, reports each batch at once (<see cref="Reached"/>).
/// Before, each waiting query polled on its own (a connection and a statement every 50 ms per waiter) for up to
/// <see cref="ReadModelOptions.MinPositionWait"/>, so the database load grew with the number of waiting callers.
/// </summary>
internal sealed partial class ReadModelPositionWatcher(ReadModelDataSource readModel, IOptions<ReadModelOptions> options, ILogger<ReadModelPositionWatcher> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(FeedPosition Wanted, TaskCompletionSource Reached)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private FeedPosition _lastSeen;
    private bool _polling;

    /// <summary>Completes once the read model has reached <paramref name="wanted"/>.</summary>
    /// <exception cref="StoreUnavailableException">Not reached within <see cref="ReadModelOptions.MinPositionWait"/>, or too many queries wait already.</exception>
    public async Task WaitAsync(FeedPosition wanted)
    {
        var waiter = (Wanted: wanted, Reached: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool startPolling;
        lock (_gate)
        {
            if (_waiters.Count >= options.Value.MaxWaitingQueries)
            {
                throw new StoreUnavailableException($"{_waiters.Count} queries already wait for the read model on this silo (ReadModel:MaxWaitingQueries); retry shortly.");
            }

            _waiters.Add(waiter);
            startPolling = !_polling;
            _polling = true;
        }

        if (startPolling)
        {
            _ = Task.Run(PollAsync);
        }

        try
        {
            await waiter.Reached.Task.WaitAsync(options.Value.MinPositionWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            FeedPosition seen;
            lock (_gate)
            {
                _waiters.Remove(waiter);
                seen = _lastSeen;
            }

            throw new StoreUnavailableException($"The read model has reached position {seen}, not yet {wanted}; retry shortly.");
        }
    }

    /// <summary>The projection (or a poll) has reached <paramref name="position"/>: releases every query waiting for it or less.</summary>
    public void Reached(FeedPosition position)
    {
        List<TaskCompletionSource>? released = null;
        lock (_gate)
        {
            _lastSeen = position > _lastSeen ? position : _lastSeen;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Wanted <= position)
                {
                    (released ??= []).Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        released?.ForEach(waiter => waiter.TrySetResult());
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        try
        {
            var stopping = _stopping.Token;
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    Reached(await ReadPositionAsync(stopping).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // The waiters time out by themselves if the database stays away.
                    LogPollFailed(logger, ex);
                }

                lock (_gate)
                {
                    if (_waiters.Count == 0)
                    {
                        _polling = false;
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The silo is stopping.
        }
    }

    private async Task<FeedPosition> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = readModel.DataSource.CreateCommand(ReadModelQuerySql.Position);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new FeedPosition((ulong)reader.GetInt64(0), reader.GetInt64(1)) : FeedPosition.Start;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the read model's position for waiting queries; will retry")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
