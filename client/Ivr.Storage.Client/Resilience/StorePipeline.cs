using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Ivr.Storage.Client.Resilience;

/// <summary>
/// The one resilience pipeline every store call runs through: a total timeout around retries around a circuit
/// breaker. One breaker for reads and writes alike, because they fail together when the cluster is down.
/// </summary>
internal static class StorePipeline
{
    /// <summary>Set per call: true for reads and for writes that carry an idempotency key.</summary>
    public static readonly ResiliencePropertyKey<bool> RetrySafe = new("ivr.retry-safe");

    public static ResiliencePipeline Create(IvrStorageResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "ivr-storage-client" };
        // Bounds the whole call, retries included: each attempt may wait a full response timeout.
        builder.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception
                    && TransientClusterErrors.IsTransient(exception, args.Context.CancellationToken)
                    && args.Context.Properties.GetValue(RetrySafe, false)),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception!;
                    StoreLog.Retrying(logger, error.GetType().Name, error.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } exception && TransientClusterErrors.IsTransient(exception, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    StoreLog.CircuitOpened(logger, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    StoreLog.CircuitClosed(logger);
                    return default;
                },
            })
            .Build();
    }
}
