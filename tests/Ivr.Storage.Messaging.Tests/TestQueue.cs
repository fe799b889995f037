using System.Text;
using Ivr.Storage.Testing;
using RabbitMQ.Client;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>
/// A test's own exchange (durable, as the relay declares it) on the local broker (so no other test's messages reach it) and an exclusive queue bound to
/// it with <c>#</c>, read with basic.get.
/// </summary>
internal sealed class TestQueue : IAsyncDisposable
{
    private IConnection _connection;
    private IChannel _channel;

    private TestQueue(IConnection connection, IChannel channel, string exchange, string queue)
    {
        _connection = connection;
        _channel = channel;
        Exchange = exchange;
        Queue = queue;
    }

    public string Exchange { get; }

    public string Queue { get; }

    public List<BasicGetResult> Received { get; } = [];

    /// <summary>A queue bound to a new exchange; <paramref name="durable"/>: named and kept across a broker restart (then deleted on dispose).</summary>
    public static async Task<TestQueue> CreateAsync(string bindingKey = "#", bool durable = false)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var exchange = $"ivr.test.{Guid.NewGuid():N}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = durable
            ? (await channel.QueueDeclareAsync(queue: exchange + ".q", durable: true, exclusive: false, autoDelete: false)).QueueName
            : (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, bindingKey);
        return new TestQueue(connection, channel, exchange, queue);
    }

    /// <summary>Reads until the queue is empty; returns everything received so far.</summary>
    public async Task<IReadOnlyList<BasicGetResult>> DrainAsync()
    {
        if (!_channel.IsOpen)
        {
            // The broker restarted (a fault test): a durable queue is still there.
            await _connection.DisposeAsync();
            _connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) }.CreateConnectionAsync();
            _channel = await _connection.CreateChannelAsync();
        }

        while (await _channel.BasicGetAsync(Queue, autoAck: true) is { } message)
        {
            Received.Add(message);
        }

        return Received;
    }

    /// <summary>
    /// Per entity, the versions in the order they first arrived are ascending: redeliveries (a batch published but not
    /// confirmed before a failure) repeat a message id, never overtake.
    /// </summary>
    public void AssertFirstArrivalsInVersionOrder()
    {
        foreach (var entity in Received.GroupBy(m => Header(m, Relay.CloudEventHeaders.Subject)))
        {
            var firstArrivals = entity.Select(m => long.Parse(Header(m, Relay.CloudEventHeaders.EntityVersion), System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();
            Xunit.Assert.Equal(firstArrivals.Order(), firstArrivals);
        }
    }

    public static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers?.TryGetValue(name, out var value) == true
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            }
            : throw new Xunit.Sdk.XunitException($"message {message.BasicProperties.MessageId} has no header {name}");

    public async ValueTask DisposeAsync()
    {
        // Declared as the relay declares its exchange (durable, kept), so it is deleted here.
        await _channel.QueueDeleteAsync(Queue);
        await _channel.ExchangeDeleteAsync(Exchange);
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
