using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ivr.Storage.Gateway.Security;

/// <summary>
/// One concurrency limiter per caller for query requests that carry <c>minPosition</c>: each may wait in the cluster
/// for the read model (up to <c>ReadModel:MinPositionWait</c>), so a caller gets at most
/// <see cref="HttpGatewayOptions.MinPositionWaitsPerCaller"/> of them in flight, and no caller can fill the silos' waits.
/// </summary>
internal sealed class MinPositionWaits(IOptions<HttpGatewayOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetConcurrencyLimiter(caller, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MinPositionWaitsPerCaller,
            QueueLimit = 0,
        }));

    /// <summary>A lease to dispose when the request ends; not acquired when the caller has its limit in flight.</summary>
    public RateLimitLease TryAcquire(string caller) => _limiter.AttemptAcquire(caller);

    public void Dispose() => _limiter.Dispose();
}
