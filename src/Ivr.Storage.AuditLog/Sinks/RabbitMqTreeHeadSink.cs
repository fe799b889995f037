using System.Text;
using Ivr.Storage.Audit.Heads;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Ivr.Storage.AuditLog.Sinks;

/// <summary>
/// Publishes each head to a durable topic exchange (routing key <c>tree-head</c>) as a persistent JSON message
/// (<see cref="TreeHeadJson"/>), message id <c>tree-head-{size}</c>, and returns only once the broker confirmed it
/// (publisher confirms: the channel <paramref name="openChannel"/> gives must track them). A head is exported again
/// after a writer's restart, so consumers deduplicate by message id. Bind a queue the database's administrators cannot
/// purge (another vhost, a stream with retention) for the heads to be evidence.
/// </summary>
public sealed class RabbitMqTreeHeadSink(Func<CancellationToken, Task<IChannel>> openChannel, string exchange) : ITreeHeadSink, IAsyncDisposable
{
    public const string RoutingKey = "tree-head";
    public const string MessageType = "ivr.storage.tree-head";

    private IChannel? _channel;

    public async Task ExportAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            MessageId = $"tree-head-{head.TreeSize}",
            Type = MessageType,
            Timestamp = new AmqpTimestamp(head.Timestamp.ToUnixTimeSeconds()),
        };
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            await channel.BasicPublishAsync(exchange, RoutingKey, mandatory: false, properties, Encoding.UTF8.GetBytes(TreeHeadJson.Serialize(head)), cancellationToken);
        }
        catch (Exception e) when (e is RabbitMQClientException or IOException and not TreeHeadSinkException)
        {
            throw new TreeHeadSinkException($"Head {head.TreeSize} was not confirmed by RabbitMQ (exchange '{exchange}'): {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        _channel = await openChannel(cancellationToken);
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        return _channel;
    }
}
