using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Commands;

/// <summary>The command queue (quorum) and its dead letters (a fanout exchange and a quorum queue of one name).</summary>
public static class CommandTopology
{
    public static async Task DeclareAsync(IChannel channel, CommandOptions options, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(options.DeadLetter, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(options.DeadLetter, durable: true, exclusive: false, autoDelete: false, Quorum(deadLetter: null), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(options.DeadLetter, options.DeadLetter, routingKey: "", cancellationToken: cancellationToken);
        // Messages the broker itself gives up on (rejected without requeue, expired) go to the same dead letters.
        await channel.QueueDeclareAsync(options.Queue, durable: true, exclusive: false, autoDelete: false, Quorum(options.DeadLetter), cancellationToken: cancellationToken);
    }

    private static Dictionary<string, object?> Quorum(string? deadLetter)
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "quorum" };
        if (deadLetter is not null)
        {
            arguments["x-dead-letter-exchange"] = deadLetter;
        }

        return arguments;
    }
}
