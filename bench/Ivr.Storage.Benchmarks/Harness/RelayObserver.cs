using System.Globalization;
using System.Text;
using Ivr.Storage.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// A consumer of MQ1's relay exchange, as any subscriber of the relay would be: every change message's lag is the time
/// it arrived here less its CloudEvent <c>time</c> (the commit time the journal recorded), so commit → confirmed publish
/// plus one delivery on loopback, an upper bound of the relay's own lag. Both clocks are this machine's.
/// </summary>
internal sealed class RelayObserver : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly List<double> _lagsMs = [];
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;

    private RelayObserver(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public int Received
    {
        get
        {
            lock (_lagsMs)
            {
                return _lagsMs.Count;
            }
        }
    }

    public static async Task<RelayObserver> OpenAsync(string exchange)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(TestServices.RabbitMqConnectionString) }.CreateConnectionAsync("ivr-bench-mq1");
        var channel = await connection.CreateChannelAsync();
        var observer = new RelayObserver(connection, channel);
        // Declared as the relay declares it, so the binding holds before the relay first publishes.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(queue: "", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "#");
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var now = DateTimeOffset.UtcNow;
            if (delivery.BasicProperties.Headers?.TryGetValue("cloudEvents_time", out var time) == true && time is byte[] bytes
                && DateTimeOffset.TryParse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var committed))
            {
                lock (observer._lagsMs)
                {
                    observer._lagsMs.Add((now - committed).TotalMilliseconds);
                    observer._first ??= now;
                    observer._last = now;
                }
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return observer;
    }

    /// <summary>Forgets what arrived so far (the warm-up's messages).</summary>
    public void Reset()
    {
        lock (_lagsMs)
        {
            _lagsMs.Clear();
            _first = _last = null;
        }
    }

    /// <summary>The messages since <see cref="Reset"/> as a measurement: their rate between first and last arrival, and their lags.</summary>
    public Measurement Measure(string name)
    {
        lock (_lagsMs)
        {
            var seconds = _first is { } first && _last is { } last ? (last - first).TotalSeconds : 0;
            return Measurement.FromLatencies(name, 1, seconds, [.. _lagsMs]);
        }
    }

    /// <summary>Deletes what MQ1 declared on the broker (the relay's exchange, the command queue and its dead letters).</summary>
    public async Task DeleteTopologyAsync(string exchange)
    {
        await _channel.QueueDeleteAsync(exchange + ".commands");
        await _channel.QueueDeleteAsync(exchange + ".commands.dead");
        await _channel.ExchangeDeleteAsync(exchange + ".commands.dead");
        await _channel.ExchangeDeleteAsync(exchange);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
