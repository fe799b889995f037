using System.Diagnostics;
using Ivr.Storage.Contracts;

namespace Ivr.Storage.FaultInjection.Workload;

public sealed partial class EntityWorkload
{
    /// <summary>Sends the request once and records what came back.</summary>
    public async Task ExecuteAsync(WriteRequest request)
    {
        request.Attempts++;
        WriteOutcome outcome;
        try
        {
            var result = await _client.GetGrain<IEntityGrain>(request.Key.ToGrainKey()).Put(request.Payload, request.Options(Scenario));
            request.Version = result.Version;
            request.Hash = result.Hash;
            request.Error = null;
            outcome = WriteOutcome.Acknowledged;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            request.Error = $"{ex.GetType().Name}: {ex.Message}";
            outcome = Classify(ex);
        }

        if (request.FirstOutcome == WriteOutcome.Pending)
        {
            request.FirstOutcome = outcome;
        }

        request.Outcome = outcome;
    }

    /// <summary>
    /// Retries a request whose outcome is unknown with the same idempotency key until it gets a definite answer,
    /// at most every half second and within <paramref name="bound"/>.
    /// </summary>
    public async Task RetryAsync(WriteRequest request, TimeSpan bound)
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; request.IsUnknown && attempt < 200 && waited.Elapsed < bound; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }

            await ExecuteAsync(request);
        }
    }

    /// <summary>Retries every request still unknown, a few at a time, within <paramref name="bound"/> overall.</summary>
    public async Task RetryUnknownAsync(TimeSpan bound, int parallelism = 8)
    {
        var waited = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Requests.Where(r => r.IsUnknown),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (request, _) =>
            {
                var left = bound - waited.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    await RetryAsync(request, left);
                }
            });
    }

    /// <summary>
    /// Measures recovery: from <paramref name="faultEnded"/>'s start until one pass writes every hot entity and reads
    /// it back (the hot entities may have lived on the silo that failed). Probe writes are recorded and checked like
    /// any other. Null when the cluster did not recover within <paramref name="bound"/>.
    /// </summary>
    public async Task<TimeSpan?> ProbeRecoveryAsync(Stopwatch faultEnded, TimeSpan bound)
    {
        while (faultEnded.Elapsed < bound)
        {
            var healthy = true;
            foreach (var key in _hot)
            {
                var probe = NewRequest(key, ExpectedVersion.Any, invalid: false);
                await ExecuteAsync(probe);
                if (probe.Outcome != WriteOutcome.Acknowledged || await ReadAsync(key) is not { } state || state.Version < probe.Version)
                {
                    healthy = false;
                    break;
                }
            }

            if (healthy)
            {
                return faultEnded.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        return null;
    }

    private static WriteOutcome Classify(Exception ex) => ex switch
    {
        ConcurrencyConflictException => WriteOutcome.ConcurrencyConflict,
        EntityValidationException => WriteOutcome.Validation,
        TimeoutException => WriteOutcome.Timeout,
        // None of these can answer a well-formed put with a fresh idempotency key.
        IdempotencyConflictException or EntityNotFoundException or EntityDeletedException => WriteOutcome.Unexpected,
        _ => WriteOutcome.Error,
    };
}
