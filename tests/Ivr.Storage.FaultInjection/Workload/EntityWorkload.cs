using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// Writers and readers through the external client, on entities of one type of their own (so scenarios sharing a
/// cluster never see each other's data). Every write is recorded with its outcome. Loops stop by themselves: at
/// the stop signal, at the hard time limit, or after <see cref="WorkloadOptions.MaxOperationsPerWorker"/>.
/// </summary>
public sealed partial class EntityWorkload
{
    private readonly IClusterClient _client;
    private readonly WorkloadOptions _options;
    private readonly ConcurrentQueue<WriteRequest> _requests = new();
    private readonly ConcurrentQueue<ReadObservation> _reads = new();
    private readonly EntityKey[] _hot;
    private readonly EntityKey[] _cold;
    private long _readFailures;
    private long _sequence;

    public EntityWorkload(IClusterClient client, string scenario, WorkloadOptions options)
    {
        _client = client;
        _options = options;
        Scenario = scenario;
        EntityType = "fi-" + scenario + "-" + Guid.NewGuid().ToString("N")[..8];
        _hot = Enumerable.Range(0, options.HotEntities).Select(i => EntityKey.Create(EntityType, $"hot-{i}")).ToArray();
        _cold = Enumerable.Range(0, options.ColdEntities).Select(i => EntityKey.Create(EntityType, $"cold-{i}")).ToArray();
    }

    public string Scenario { get; }

    /// <summary>The entity type all of this workload's entities have.</summary>
    public string EntityType { get; }

    public IReadOnlyList<WriteRequest> Requests => [.. _requests];

    public IReadOnlyList<ReadObservation> Reads => [.. _reads];

    public long ReadFailures => Interlocked.Read(ref _readFailures);

    /// <summary>Gives every hot entity its version 1 (retried, bounded), so hot writers can always expect an exact version.</summary>
    public async Task SeedAsync(TimeSpan bound)
    {
        foreach (var key in _hot)
        {
            var seed = NewRequest(key, ExpectedVersion.Any, invalid: false);
            await ExecuteAsync(seed);
            await RetryAsync(seed, bound);
            if (seed.Outcome != WriteOutcome.Acknowledged)
            {
                throw new InvalidOperationException($"Could not seed {key}: {seed.Outcome} {seed.Error}");
            }
        }
    }

    /// <summary>Runs the writers and readers until <paramref name="stop"/> fires or <paramref name="hardLimit"/> passes.</summary>
    public async Task RunAsync(TimeSpan hardLimit, CancellationToken stop)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(hardLimit);
        var workers = Enumerable.Range(0, _options.Writers).Select(w => Task.Run(() => WriterAsync(limit.Token), CancellationToken.None))
            .Concat(Enumerable.Range(0, _options.Readers).Select(_ => Task.Run(() => ReaderAsync(limit.Token), CancellationToken.None)));
        await Task.WhenAll(workers);
    }

    private async Task WriterAsync(CancellationToken stop)
    {
        for (var i = 0; i < _options.MaxOperationsPerWorker && !stop.IsCancellationRequested; i++)
        {
            var roll = Random.Shared.NextDouble();
            WriteRequest request;
            if (roll < _options.InvalidShare)
            {
                request = NewRequest(Pick(_cold), ExpectedVersion.Any, invalid: true);
            }
            else if (roll < _options.InvalidShare + _options.HotShare)
            {
                // Read the current version, then write expecting exactly it: the classic optimistic update.
                var key = Pick(_hot);
                var current = await ReadAsync(key);
                if (current is null)
                {
                    await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
                    continue;
                }

                request = NewRequest(key, ExpectedVersion.Exactly(current.Version), invalid: false);
            }
            else
            {
                request = NewRequest(Pick(_cold), ExpectedVersion.Any, invalid: false);
            }

            await ExecuteAsync(request);
            if (request.Outcome is WriteOutcome.Timeout or WriteOutcome.Error)
            {
                await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
            }
        }
    }

    private async Task ReaderAsync(CancellationToken stop)
    {
        for (var i = 0; i < _options.MaxOperationsPerWorker && !stop.IsCancellationRequested; i++)
        {
            var key = Random.Shared.Next(2) == 0 ? Pick(_hot) : Pick(_cold);
            if (await ReadAsync(key) is null)
            {
                await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
            }
        }
    }

    /// <summary>The current state, recorded as an observation; null when the call failed or the entity does not exist yet.</summary>
    private async Task<EntityState?> ReadAsync(EntityKey key)
    {
        try
        {
            var state = await _client.GetGrain<IEntityGrain>(key.ToGrainKey()).GetCurrent();
            _reads.Enqueue(new ReadObservation(key, state.Version, state.Hash));
            return state;
        }
        catch (EntityNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _readFailures);
            return null;
        }
    }

    private WriteRequest NewRequest(EntityKey key, ExpectedVersion expected, bool invalid)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{EntityType}-{Interlocked.Increment(ref _sequence)}");
        // An array is valid JSON but not an object: the grain must refuse it before writing anything.
        var payload = invalid ? $$"""["req","{{id}}"]""" : $$"""{"req":"{{id}}","at":{{Stopwatch.GetTimestamp()}}}""";
        var request = new WriteRequest { RequestId = id, Key = key, Expected = expected, Payload = payload, Invalid = invalid };
        _requests.Enqueue(request);
        return request;
    }

    private static EntityKey Pick(EntityKey[] keys) => keys[Random.Shared.Next(keys.Length)];
}
