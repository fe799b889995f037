using System.Diagnostics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Workload;

public sealed partial class EntityWorkload
{
    /// <summary>Sends the request once, through its own transport, and records what came back.</summary>
    public async Task ExecuteAsync(WriteRequest request)
    {
        request.Attempts++;
        var answer = await _calls[request.Transport].WriteAsync(request);
        if (answer.Outcome == WriteOutcome.Acknowledged)
        {
            request.Version = answer.Version;
            request.Hash = answer.Hash;
            request.Error = null;
        }
        else
        {
            request.Error = answer.Error;
        }

        if (request.FirstOutcome == WriteOutcome.Pending)
        {
            request.FirstOutcome = answer.Outcome;
            request.FirstError = answer.Error;
        }

        request.Outcome = answer.Outcome;
    }

    /// <summary>
    /// Retries a request whose outcome is unknown with the same idempotency key (and the same transport) until it
    /// gets a definite answer, at most every half second and within <paramref name="bound"/>.
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
    /// it back through every transport (the hot entities may have lived on the silo that failed, and the gateway's
    /// client must have found the cluster again too). Probe writes are recorded and checked like any other. Null when
    /// the cluster did not recover within <paramref name="bound"/>.
    /// </summary>
    public async Task<TimeSpan?> ProbeRecoveryAsync(Stopwatch faultEnded, TimeSpan bound)
    {
        var left = bound - faultEnded.Elapsed;
        return left > TimeSpan.Zero && await Eventually.TryAsync(ProbeOnceAsync, left, TimeSpan.FromMilliseconds(250))
            ? faultEnded.Elapsed
            : null;
    }

    private async Task<bool> ProbeOnceAsync()
    {
        foreach (var transport in Transports)
        {
            foreach (var key in _hot)
            {
                var probe = NewRequest(key, ExpectedVersion.Any, transport);
                await ExecuteAsync(probe);
                if (probe.Outcome != WriteOutcome.Acknowledged || await ReadAsync(key, transport) is not { } state || state.Version < probe.Version)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
