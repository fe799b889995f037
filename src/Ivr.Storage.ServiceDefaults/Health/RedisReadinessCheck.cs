using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Ivr.Storage.ServiceDefaults.Health;

/// <summary>
/// Readiness: Redis answers PING. One connection is kept for the checks and reconnects by itself
/// (<c>AbortOnConnectFail=false</c>); while it is down, PING fails at once, so nothing stale is ever reported.
/// </summary>
internal sealed class RedisReadinessCheck(Func<ConfigurationOptions> configure, TimeSpan timeout) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await ConnectAsync(cancellationToken);
            await connection.GetDatabase().PingAsync().WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy("Redis answers.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A probe cancelled by its time limit is an answer too: not ready.
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connectLock.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var options = configure();
                // Returns even while Redis is down and keeps reconnecting in the background.
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = (int)timeout.TotalMilliseconds;
                options.AsyncTimeout = (int)timeout.TotalMilliseconds;
                options.ClientName = "ivr-storage-readiness";
                _connection = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }
}
