using Ivr.Storage.Messaging.Broker;
using Ivr.Storage.Messaging.Commands;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>
/// Applies command messages as writes, on every silo (competing consumers of one quorum queue). A message is acked
/// only after the entity grain answered, that is after the journal committed, so a redelivery is an idempotent retry
/// (the message id is the idempotency key). One that can never succeed is published to the dead letters with its
/// reason (confirmed) and then acked; a transient failure is retried here, then requeued, never dead-lettered.
/// </summary>
internal sealed partial class CommandConsumer(IGrainFactory grains, BrokerConnection broker, IOptions<CommandOptions> options, ILogger<CommandConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    LogReconnect(logger, args.Outcome.Exception, options.Value.Queue, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        try
        {
            await reconnect.ExecuteAsync(ConsumeUntilClosedAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unacknowledged deliveries go back to the queue with the channel.
        }
    }

    /// <summary>Consumes until the channel closes, then throws so the pipeline reconnects after a back-off.</summary>
    private async ValueTask ConsumeUntilClosedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var connection = await broker.GetAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: settings.Concurrency), cancellationToken);
        await using var replies = await broker.CreatePublisherChannelAsync(cancellationToken);
        await CommandTopology.DeclareAsync(channel, settings, cancellationToken);
        await channel.BasicQosAsync(0, settings.Concurrency, global: false, cancellationToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, _) => Signal(closed);
        replies.ChannelShutdownAsync += (_, _) => Signal(closed);
        var consumer = new AsyncEventingBasicConsumer(channel);
        var handler = new CommandHandler(grains, settings, channel, replies, logger);
        consumer.ReceivedAsync += (_, delivery) => handler.HandleAsync(delivery, cancellationToken);
        await channel.BasicConsumeAsync(settings.Queue, autoAck: false, consumer, cancellationToken);
        LogConsuming(logger, settings.Queue);
        await closed.Task.WaitAsync(cancellationToken);
        throw new IOException($"The channel consuming {settings.Queue} closed.");
    }

    private static Task Signal(TaskCompletionSource closed)
    {
        closed.TrySetResult();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming commands from {Queue}")]
    private static partial void LogConsuming(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command queue {Queue} unavailable; reconnecting in {Delay}")]
    private static partial void LogReconnect(ILogger logger, Exception? exception, string queue, TimeSpan delay);
}
