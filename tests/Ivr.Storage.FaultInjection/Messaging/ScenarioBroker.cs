using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Ivr.Storage.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>
/// The scenario's own view of the broker, connected directly (never through the forwarder a scenario cuts): a queue
/// bound to the relay's exchange for the scenario's types, a publisher of command messages with publisher confirms, and
/// a reader of the cluster's dead letters.
/// </summary>
public sealed class ScenarioBroker : IAsyncDisposable
{
    // The relay's CloudEvents headers (src/Ivr.Storage.Messaging, CloudEventHeaders): read here as any consumer reads them.
    private const string SubjectHeader = "cloudEvents_subject";
    private const string VersionHeader = "cloudEvents_entityversion";
    private const string HashHeader = "cloudEvents_hash";
    private const string ErrorHeader = "x-ivr-error";

    private readonly IConnection _connection;
    private readonly IChannel _observer;
    private readonly IChannel _publisher;
    private readonly MessagingTopology _topology;
    private readonly ConcurrentQueue<ObservedChange> _changes = new();
    private long _arrivals;

    private ScenarioBroker(IConnection connection, IChannel observer, IChannel publisher, MessagingTopology topology)
    {
        _connection = connection;
        _observer = observer;
        _publisher = publisher;
        _topology = topology;
    }

    public IReadOnlyCollection<ObservedChange> Changes => _changes;

    /// <summary>Dead letters of this scenario's commands seen so far: message id → the <c>x-ivr-error</c> reason.</summary>
    public ConcurrentDictionary<string, string> DeadLetters { get; } = new();

    public static async Task<ScenarioBroker> OpenAsync(Uri broker, MessagingTopology topology, IReadOnlyList<string> types)
    {
        var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync("ivr-fault-scenario");
        var observer = await connection.CreateChannelAsync();
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var opened = new ScenarioBroker(connection, observer, publisher, topology);
        // Declared as the relay declares it, so binding works before the relay first publishes.
        await observer.ExchangeDeclareAsync(topology.Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = (await observer.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var type in types)
        {
            await observer.QueueBindAsync(queue, topology.Exchange, type + ".*");
        }

        var consumer = new AsyncEventingBasicConsumer(observer);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            opened._changes.Enqueue(new ObservedChange(
                Interlocked.Increment(ref opened._arrivals),
                delivery.BasicProperties.MessageId ?? string.Empty,
                Header(delivery.BasicProperties, SubjectHeader),
                long.Parse(Header(delivery.BasicProperties, VersionHeader), CultureInfo.InvariantCulture),
                Header(delivery.BasicProperties, HashHeader)));
            return Task.CompletedTask;
        };
        await observer.BasicConsumeAsync(queue, autoAck: true, consumer);
        return opened;
    }

    /// <summary>Waits (bounded) until the silos declared the command queue: a message sent before would be dropped.</summary>
    public Task WaitForCommandQueueAsync(TimeSpan timeout) => RabbitMqQueues.WaitForQueueAsync(_connection, _topology.Queue, timeout);

    /// <summary>Publishes one command and waits for the broker's confirm.</summary>
    public async Task SendAsync(string messageId, string type, string id, string body, string? source = "fault-mq")
    {
        var headers = new Dictionary<string, object?> { ["ivr-type"] = type, ["ivr-id"] = id, ["ivr-kind"] = "put" };
        if (source is not null)
        {
            headers["ivr-source"] = source;
        }

        var properties = new BasicProperties { MessageId = messageId, Persistent = true, ContentType = "application/json", Headers = headers };
        await _publisher.BasicPublishAsync(string.Empty, _topology.Queue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Takes every dead letter now in the queue; keeps those of <paramref name="mine"/> (others belong to earlier scenarios).</summary>
    public async Task ReadDeadLettersAsync(IReadOnlySet<string> mine)
    {
        while (await _observer.BasicGetAsync(_topology.DeadLetter, autoAck: true) is { } letter)
        {
            if (letter.BasicProperties.MessageId is { } id && mine.Contains(id))
            {
                DeadLetters[id] = Header(letter.BasicProperties, ErrorHeader);
            }
        }
    }

    private static string Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers?.TryGetValue(name, out var value) == true
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
            }
            : string.Empty;

    public async ValueTask DisposeAsync()
    {
        await _observer.DisposeAsync();
        await _publisher.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
