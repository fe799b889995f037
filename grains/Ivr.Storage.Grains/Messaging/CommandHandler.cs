using Ivr.Storage.Contracts;
using Ivr.Storage.Messaging.Commands;
using Ivr.Storage.Security.Scopes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ivr.Storage.Grains.Messaging;

/// <summary>One delivery: parse, check the queue's scopes, write through the entity grain, reply, then ack, dead-letter or requeue.</summary>
internal sealed partial class CommandHandler(IGrainFactory grains, CommandOptions options, IChannel channel, IChannel replies, ILogger logger)
{
    private readonly ResiliencePipeline _transient = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => CommandRejections.CodeOf(ex) is null && ex is not OperationCanceledException),
            MaxRetryAttempts = Math.Max(1, options.TransientAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
        })
        .Build();

    public async Task HandleAsync(BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        WriteResult result;
        try
        {
            var command = CommandParser.Parse(delivery.BasicProperties, delivery.Body, options);
            if (!EntityScope.Allows(options.Scopes, EntityAccess.Write, command.Key.Type))
            {
                throw new CommandRejectedException(CommandRejection.Forbidden, $"Queue {options.Queue} (caller {options.Caller}) may not write '{command.Key.Type}': its scopes do not grant {EntityScope.Required(EntityAccess.Write, command.Key.Type)}.");
            }

            result = await _transient.ExecuteAsync(async _ => await ApplyAsync(command), cancellationToken);
        }
        catch (CommandRejectedException ex)
        {
            await DeadLetterAsync(delivery, ex.Code, ex.Message, cancellationToken);
            return;
        }
        catch (Exception ex) when (CommandRejections.CodeOf(ex) is { } code)
        {
            await DeadLetterAsync(delivery, code, ex.Message, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Transient (store unavailable, silo lost, timeout): back to the queue for a later attempt.
            LogRequeued(logger, ex, options.Queue);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
            return;
        }

        await ReplyAsync(delivery, CommandReplies.Committed(result), cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
    }

    private Task<WriteResult> ApplyAsync(EntityCommand command)
    {
        var grain = grains.GetGrain<IEntityGrain>(command.Key.ToGrainKey());
        return command.Kind switch
        {
            ChangeKind.Put => grain.Put(command.Body!, command.Options),
            ChangeKind.Patch => grain.Patch(command.Body!, command.Options),
            ChangeKind.Delete => grain.Delete(command.Options),
            _ => grain.Revert(command.RevertTo!.Value, command.Options),
        };
    }

    /// <summary>Publishes the message with its reason to the dead letters and, once the broker confirmed it, acks the original.</summary>
    private async Task DeadLetterAsync(BasicDeliverEventArgs delivery, string code, string detail, CancellationToken cancellationToken)
    {
        LogDeadLettered(logger, options.Queue, code);
        var properties = CommandReplies.DeadLetterProperties(delivery.BasicProperties, code, detail);
        await replies.BasicPublishAsync(options.DeadLetter, options.Queue, mandatory: false, properties, delivery.Body, cancellationToken);
        await ReplyAsync(delivery, CommandReplies.Rejected(code, detail), cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
    }

    private async Task ReplyAsync(BasicDeliverEventArgs delivery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (delivery.BasicProperties.ReplyTo is { Length: > 0 } replyTo)
        {
            await replies.BasicPublishAsync("", replyTo, mandatory: false, CommandReplies.ReplyProperties(delivery.BasicProperties), body, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered a command from {Queue}: {Code}")]
    private static partial void LogDeadLettered(ILogger logger, string queue, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A command from {Queue} failed transiently; requeued")]
    private static partial void LogRequeued(ILogger logger, Exception exception, string queue);
}
