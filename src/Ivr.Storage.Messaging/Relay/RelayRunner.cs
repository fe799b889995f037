using Ivr.Storage.Messaging.Broker;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>
/// Keeps one relay running until stopped: claims it, publishes batch after batch, waits a poll interval when caught
/// up, and backs off (exponentially, with jitter, up to <see cref="MessagingOptions.MaxBackoff"/>) while the broker or
/// the database is away. The write path never waits for it: the journal is the outbox.
/// </summary>
public sealed partial class RelayRunner(ChangeRelay relay, BrokerConnection broker, MessagingOptions options, TimeProvider clock, ILogger logger, RelayMetrics metrics)
{
    private IChannel? _channel;

    public ChangeRelay Relay => relay;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstBackoff,
                MaxDelay = options.MaxBackoff,
                OnRetry = async args =>
                {
                    LogRetry(logger, args.Outcome.Exception, relay.Name, args.RetryDelay);
                    await DropChannelAsync();
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async token => await relay.ClaimAsync(token), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var moved = await pipeline.ExecuteAsync(PublishAsync, stoppingToken);
                if (moved == 0)
                {
                    await Task.Delay(relay.Options.PollInterval, clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the checkpoint stands at the last confirmed batch.
        }
        finally
        {
            await DropChannelAsync();
        }
    }

    private async ValueTask<int> PublishAsync(CancellationToken token)
    {
        try
        {
            if (_channel is not { IsOpen: true })
            {
                await DropChannelAsync();
                _channel = await broker.CreatePublisherChannelAsync(token);
                await relay.DeclareAsync(_channel, token);
            }

            var moved = await relay.CatchUpAsync(_channel, maxBatches: 20, token);
            metrics.Published(relay.Status);
            return moved;
        }
        catch (RelayFencedException ex)
        {
            // Another instance claimed the relay; claim it back (the checkpoint in the database never goes back).
            LogFenced(logger, ex, relay.Name);
            await relay.ClaimAsync(token);
            return 1;
        }
    }

    private async Task DropChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // The channel died with its connection; nothing to release.
            }
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or PublishException
            or ConnectFailureException or IOException or NpgsqlException or TimeoutException
            or System.Net.Sockets.SocketException or Contracts.StoreUnavailableException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay {Relay} could not publish; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception? exception, string relay, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay {Relay} was fenced by a newer instance; claiming it again")]
    private static partial void LogFenced(ILogger logger, Exception exception, string relay);
}
