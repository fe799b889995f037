using System.Collections.Concurrent;
using System.Diagnostics;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Silo.Tests.Clusters;

/// <summary>
/// Continuous writes for cluster tests. Each writer owns its entities, so one entity's writes never overlap and its
/// versions follow the writer's sequence; every write carries an idempotency key of its own. Every acknowledgement and
/// every failure is recorded. A failure stops its writer, unless <c>isRefusal</c> accepts it: then the writer repeats
/// the same write with the same key, as the client library tells callers to, and records the refusal. Stopping lets
/// the writes in flight finish, so the record of acknowledged writes is exact. Each writer awaits its calls and so
/// yields the thread pool (tight in-process loops starve it on two cores).
/// </summary>
internal sealed class WriteLoad : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    // A refused write repeated for this long without success counts as failed.
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<AcknowledgedWrite> _acknowledged = new();
    private readonly ConcurrentQueue<RefusedWrite> _refused = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Func<int, int, string> _entityFor;
    private readonly Func<EntityWrite, Task<long>> _write;
    private readonly Func<Exception, bool> _isRefusal;
    private readonly Task[] _writers;
    private readonly Lock _slowestLock = new();
    private (TimeSpan Duration, TimeSpan StartedAt, string Write) _slowest;

    private WriteLoad(int writers, Func<int, int, string> entityFor, Func<EntityWrite, Task<long>> write, Func<Exception, bool>? isRefusal)
    {
        _entityFor = entityFor;
        _write = write;
        _isRefusal = isRefusal ?? (_ => false);
        _writers = [.. Enumerable.Range(0, writers).Select(writer => Task.Run(() => RunWriterAsync(writer)))];
    }

    /// <summary>Time since the load started; refusals are stamped on this clock.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public int AcknowledgedCount => _acknowledged.Count;

    public IReadOnlyCollection<AcknowledgedWrite> Acknowledged => [.. _acknowledged];

    public IReadOnlyCollection<RefusedWrite> Refused => [.. _refused];

    public IReadOnlyCollection<string> Failures => [.. _failures];

    /// <summary>
    /// Starts <paramref name="writers"/> writers. <paramref name="entityFor"/> maps (writer, sequence) to an entity id
    /// that no other writer uses; <paramref name="write"/> performs one write and returns the acknowledged version.
    /// </summary>
    public static WriteLoad Start(int writers, Func<int, int, string> entityFor, Func<EntityWrite, Task<long>> write, Func<Exception, bool>? isRefusal = null) =>
        new(writers, entityFor, write, isRefusal);

    /// <summary>Waits (bounded) until at least <paramref name="count"/> writes were acknowledged; fails at once when a write failed.</summary>
    public Task WaitForAcknowledgedAsync(int count, TimeSpan timeout) =>
        Eventually.HoldsAsync(
            () =>
            {
                Assert.True(_failures.IsEmpty, $"A write failed while waiting for {count} acknowledged writes ({Describe()}):\n{string.Join('\n', _failures.Take(10))}");
                return _acknowledged.Count >= count;
            },
            timeout,
            () => $"Fewer than {count} writes were acknowledged ({Describe()}).",
            TimeSpan.FromMilliseconds(50));

    /// <summary>Stops the writers after their current write (bounded).</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_writers).WaitAsync(RetryLimit + TimeSpan.FromSeconds(30));
    }

    public string Describe()
    {
        lock (_slowestLock)
        {
            return $"{_acknowledged.Count} acknowledged, {_refused.Count} refused and repeated, {_failures.Count} failed after {Elapsed:mm\\:ss}; " +
                $"slowest write {_slowest.Write} took {_slowest.Duration.TotalSeconds:0.0} s from {_slowest.StartedAt:mm\\:ss\\.fff}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_writers).WaitAsync(RetryLimit + TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is TimeoutException)
        {
            // A test that failed left a writer hanging on a dead cluster: nothing more to record.
        }

        _stopping.Dispose();
    }

    private async Task RunWriterAsync(int writer)
    {
        var versions = new Dictionary<string, long>();
        for (var sequence = 1; !_stopping.IsCancellationRequested; sequence++)
        {
            var entityId = _entityFor(writer, sequence);
            var write = new EntityWrite(entityId, writer, sequence, $"{entityId}#{sequence}", versions.GetValueOrDefault(entityId));
            if (await WriteUntilAcknowledgedAsync(write) is not { } version)
            {
                return;
            }

            versions[entityId] = version;
            _acknowledged.Enqueue(new AcknowledgedWrite(entityId, version, sequence));
        }
    }

    private void NoteDuration(EntityWrite write, TimeSpan started)
    {
        var duration = _clock.Elapsed - started;
        lock (_slowestLock)
        {
            if (duration > _slowest.Duration)
            {
                _slowest = (duration, started, $"{write.EntityId} #{write.Sequence}");
            }
        }
    }

    private async Task<long?> WriteUntilAcknowledgedAsync(EntityWrite write)
    {
        var firstAttempt = _clock.Elapsed;
        while (true)
        {
            var started = _clock.Elapsed;
            try
            {
                // No cancellation token: a write in flight when the load stops still completes and is recorded.
                var version = await _write(write);
                NoteDuration(write, started);
                return version;
            }
            catch (Exception error) when (_isRefusal(error) && _clock.Elapsed - firstAttempt < RetryLimit)
            {
                _refused.Enqueue(new RefusedWrite(started, write.EntityId, write.Sequence, error));
                await Task.Delay(RetryPause);
            }
            catch (Exception error)
            {
                _failures.Enqueue($"{started:mm\\:ss\\.fff} {write.EntityId} #{write.Sequence}: {error.GetType().Name}: {error.Message}");
                return null;
            }
        }
    }
}
