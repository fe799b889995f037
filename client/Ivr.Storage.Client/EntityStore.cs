using System.Diagnostics;
using System.Text.Json;
using Ivr.Storage.Client.Resilience;
using Ivr.Storage.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Ivr.Storage.Client;

/// <summary>
/// <see cref="IEntityStore"/>, <see cref="IChangeFeed"/> and <see cref="IReadModel"/> over an Orleans
/// <see cref="IGrainFactory"/>: every call runs through one resilience pipeline (retry, circuit breaker), shared by
/// all three facades because they fail together when the cluster is down, and surfaces only the Contracts' typed exceptions.
/// </summary>
public sealed partial class EntityStore : IEntityStore, IChangeFeed, IReadModel
{
    private readonly IGrainFactory _grains;
    private readonly ResiliencePipeline _pipeline;
    private readonly WriteOptionsFactory _writeOptions;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly TimeProvider _timeProvider;

    private EntityStore(IGrainFactory grains, IvrStorageClientOptions options, ResiliencePipeline pipeline, TimeProvider timeProvider)
    {
        _grains = grains;
        _pipeline = pipeline;
        _writeOptions = new WriteOptionsFactory(options);
        _serializerOptions = options.SerializerOptions ?? JsonSerializerOptions.Web;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Builds the facade over a client the host already runs (or a test cluster's client). Each facade has its own
    /// circuit breaker, so create one per cluster and keep it. <paramref name="logger"/> receives retries and breaker changes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> has no <see cref="IvrStorageClientOptions.Source"/> or invalid resilience settings.</exception>
    public static EntityStore Create(IGrainFactory grains, IvrStorageClientOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new IvrStorageClientOptionsValidator { RequireCluster = false }.Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        timeProvider ??= TimeProvider.System;
        return new EntityStore(grains, options, StorePipeline.Create(options.Resilience, timeProvider, logger ?? NullLogger.Instance), timeProvider);
    }

    private Task<WriteResult> WriteAsync(EntityKey key, EntityWriteOptions? options, Func<IEntityGrain, WriteOptions, Task<WriteResult>> write, CancellationToken cancellationToken)
    {
        var writeOptions = _writeOptions.Create(options);
        // Only a write that carries an idempotency key may be repeated: the grain answers a repeat from the journal.
        return InvokeAsync(key, retrySafe: writeOptions.IdempotencyKey is not null, grain => write(grain, writeOptions), cancellationToken, isWrite: true);
    }

    private Task<T> ReadAsync<T>(EntityKey key, Func<IEntityGrain, Task<T>> read, CancellationToken cancellationToken) =>
        InvokeAsync(key, retrySafe: true, read, cancellationToken);

    private Task<T> InvokeAsync<T>(EntityKey key, bool retrySafe, Func<IEntityGrain, Task<T>> call, CancellationToken cancellationToken, bool isWrite = false)
    {
        if (key.Type is null)
        {
            throw new EntityValidationException(ValidationErrorCode.InvalidType, "key", "The entity key is empty; create it with EntityKey.Create.");
        }

        // A key made with `with { Id = … }` skipped Create's checks: check again before it names a grain.
        _ = EntityKey.Create(key.Type, key.Id);

        return CallAsync(_grains.GetGrain<IEntityGrain>(key.ToGrainKey()), retrySafe, call, cancellationToken, writtenType: isWrite ? key.Type : null);
    }

    /// <summary>Calls through the pipeline; with <paramref name="writtenType"/>, an acknowledged write's duration is recorded (<see cref="ClientMetrics"/>).</summary>
    private async Task<T> CallAsync<TGrain, T>(TGrain grain, bool retrySafe, Func<TGrain, Task<T>> call, CancellationToken cancellationToken, string? writtenType = null)
    {
        var started = Stopwatch.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StorePipeline.RetrySafe, retrySafe);
        try
        {
            // The grain methods take no cancellation token: a cancelled caller stops waiting, the call itself completes.
            var result = await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<T>(state.call(state.grain).WaitAsync(ctx.CancellationToken)),
                context,
                (grain, call)).ConfigureAwait(false);
            if (writtenType is not null)
            {
                ClientMetrics.Written(writtenType, started);
            }

            return result;
        }
        catch (Exception exception) when (TransientClusterErrors.Translate(exception, cancellationToken) is var translated && !ReferenceEquals(translated, exception))
        {
            throw translated;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
