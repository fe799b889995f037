using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

/// <summary>
/// Writers and readers on entities of one type of their own (so scenarios sharing a cluster never see each other's
/// data), a share of them through the HTTP gateway and the rest through the external Orleans client, and a
/// change-feed follower per transport. Every write is recorded with its outcome, and every state, history page and
/// change a reader was shown. Loops stop by themselves: at the stop signal, at the hard time limit, or after
/// <see cref="WorkloadOptions.MaxOperationsPerWorker"/>.
/// </summary>
public sealed partial class EntityWorkload
{
    private readonly Dictionary<Transport, IEntityCalls> _calls = [];
    private readonly ClientEntityCalls _clientCalls;
    private readonly WorkloadOptions _options;
    private readonly ConcurrentQueue<WriteRequest> _requests = new();
    private readonly ConcurrentQueue<ReadObservation> _reads = new();
    private readonly EntityKey[] _hot;
    private readonly EntityKey[] _cold;
    private long _readFailures;
    private long _sequence;

    /// <param name="gateway">The gateway's HTTP client; null runs every worker through <paramref name="client"/>.</param>
    public EntityWorkload(IClusterClient client, HttpClient? gateway, string scenario, WorkloadOptions options)
    {
        _calls[Transport.Client] = _clientCalls = new ClientEntityCalls(client, scenario);
        if (gateway is not null)
        {
            _calls[Transport.Http] = new GatewayEntityCalls(gateway, scenario);
        }

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

    /// <summary>Writes acknowledged so far, in all and through the HTTP gateway.</summary>
    public (int All, int OverHttp) Acknowledged()
    {
        var (all, overHttp) = (0, 0);
        foreach (var request in _requests)
        {
            if (request.Outcome == WriteOutcome.Acknowledged)
            {
                all++;
                overHttp += request.Transport == Transport.Http ? 1 : 0;
            }
        }

        return (all, overHttp);
    }

    public IReadOnlyList<ReadObservation> Reads => [.. _reads];

    public long ReadFailures => Interlocked.Read(ref _readFailures);

    /// <summary>How often the gateway answered with each status code; empty without a gateway.</summary>
    public IReadOnlyDictionary<int, int> GatewayStatuses =>
        _calls.TryGetValue(Transport.Http, out var calls) ? ((GatewayEntityCalls)calls).Statuses : new Dictionary<int, int>();

    /// <summary>The transports in use: the client always, the gateway when there is one.</summary>
    public IReadOnlyCollection<Transport> Transports => _calls.Keys;

    /// <summary>Gives every hot entity its version 1 (retried, bounded), so hot writers can always expect an exact version.</summary>
    public async Task SeedAsync(TimeSpan bound)
    {
        foreach (var key in _hot)
        {
            var seed = NewRequest(key, ExpectedVersion.Any, Transport.Client);
            await ExecuteAsync(seed);
            await RetryAsync(seed, bound);
            if (seed.Outcome != WriteOutcome.Acknowledged)
            {
                throw new InvalidOperationException($"Could not seed {key}: {seed.Outcome} {seed.Error}");
            }
        }
    }

    /// <summary>Runs the writers, readers and feed followers until <paramref name="stop"/> fires or <paramref name="hardLimit"/> passes.</summary>
    public async Task RunAsync(TimeSpan hardLimit, CancellationToken stop)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(stop);
        limit.CancelAfter(hardLimit);
        var workers = Enumerable.Range(0, _options.Writers).Select(w => Task.Run(() => WriterAsync(TransportOf(w, _options.Writers), limit.Token), CancellationToken.None))
            .Concat(Enumerable.Range(0, _options.Readers).Select(r => Task.Run(() => ReaderAsync(TransportOf(r, _options.Readers), limit.Token), CancellationToken.None)))
            .Append(Task.Run(() => FollowFeedAsync(limit.Token), CancellationToken.None));
        await Task.WhenAll(workers);
    }

    /// <summary>The first <see cref="WorkloadOptions.HttpShare"/> of the workers go through the gateway, if there is one.</summary>
    private Transport TransportOf(int worker, int workers) =>
        _calls.ContainsKey(Transport.Http) && worker < Math.Round(workers * _options.HttpShare, MidpointRounding.AwayFromZero) ? Transport.Http : Transport.Client;

    private async Task WriterAsync(Transport transport, CancellationToken stop)
    {
        for (var i = 0; i < _options.MaxOperationsPerWorker && !stop.IsCancellationRequested; i++)
        {
            var roll = Random.Shared.NextDouble();
            WriteRequest request;
            if (roll < _options.InvalidShare)
            {
                request = NewRequest(Pick(_cold), ExpectedVersion.Any, transport, invalid: true);
            }
            else if (roll < _options.InvalidShare + _options.DeleteShare)
            {
                request = NewRequest(Pick(_cold), ExpectedVersion.Any, transport, WriteKind.Delete);
            }
            else if (roll < _options.InvalidShare + _options.DeleteShare + _options.HotShare)
            {
                // Read the current version, then write expecting exactly it: the classic optimistic update.
                var key = Pick(_hot);
                if (await ReadAsync(key, transport) is not { } current)
                {
                    await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
                    continue;
                }

                request = NewRequest(key, ExpectedVersion.Exactly(current.Version), transport);
            }
            else
            {
                request = NewRequest(Pick(_cold), ExpectedVersion.Any, transport);
            }

            await ExecuteAsync(request);
            if (request.IsUnknown)
            {
                await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
            }
        }
    }

    private async Task ReaderAsync(Transport transport, CancellationToken stop)
    {
        for (var i = 0; i < _options.MaxOperationsPerWorker && !stop.IsCancellationRequested; i++)
        {
            // History from the hot entities: they exist from the seed on and carry the long, contended chains where a
            // fork or a lost version would show.
            var shown = i % _options.HistoryEvery == 0
                ? await ReadHistoryAsync(Pick(_hot), transport)
                : await ReadAsync(Random.Shared.Next(2) == 0 ? Pick(_hot) : Pick(_cold), transport) is not null;
            if (!shown)
            {
                await Task.Delay(_options.BackoffAfterFailure, CancellationToken.None);
            }
        }
    }

    /// <summary>The current state, recorded as an observation; null when the call failed or the entity does not exist yet.</summary>
    private async Task<ReadObservation?> ReadAsync(EntityKey key, Transport transport)
    {
        var answer = await _calls[transport].ReadAsync(key);
        if (answer.State is { } state)
        {
            _reads.Enqueue(state);
        }
        else if (answer.Error is not null)
        {
            Interlocked.Increment(ref _readFailures);
        }

        return answer.State;
    }

    private WriteRequest NewRequest(EntityKey key, ExpectedVersion expected, Transport transport, WriteKind kind = WriteKind.Put, bool invalid = false)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{EntityType}-{Interlocked.Increment(ref _sequence)}");
        // An array is valid JSON but not an object: the grain must refuse it before writing anything.
        var payload = kind == WriteKind.Delete ? null
            : invalid ? $$"""["req","{{id}}"]"""
            : $$"""{"req":"{{id}}","at":{{Stopwatch.GetTimestamp()}}}""";
        var request = new WriteRequest { RequestId = id, Key = key, Expected = expected, Kind = kind, Payload = payload, Invalid = invalid, Transport = transport };
        _requests.Enqueue(request);
        return request;
    }

    private static EntityKey Pick(EntityKey[] keys) => keys[Random.Shared.Next(keys.Length)];
}
