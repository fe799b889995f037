using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// Caps the change streams each caller has open (<see cref="HttpGatewayOptions.MaxChangeStreamsPerCaller"/>): a concurrency
/// limiter per caller, whose permit a stream holds until its response ends. Without it, one caller could hold any
/// number of long-lived responses, each polling the feed.
/// </summary>
internal sealed class ChangeStreamLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ChangeStreamLimiter(IOptions<HttpGatewayOptions> options)
    {
        var permits = options.Value.MaxChangeStreamsPerCaller;
        _limiter = PartitionedRateLimiter.Create<string, string>(caller =>
            RateLimitPartition.GetConcurrencyLimiter(caller, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 }));
    }

    /// <summary>A permit for one more stream of <paramref name="caller"/>, or a lease that is not acquired; dispose it when the stream ends.</summary>
    public RateLimitLease TryAcquire(string caller) => _limiter.AttemptAcquire(caller);

    public void Dispose() => _limiter.Dispose();
}
