using Ivr.Storage.FaultInjection.Messaging;
using Ivr.Storage.Testing;
using RabbitMQ.Client;

namespace Ivr.Storage.FaultInjection.Services;

public sealed partial class FaultCluster
{
    private LoopbackTcpForwarder? _forwarder;

    /// <summary>The cluster's relay exchange, command queue and dead letters; null when messaging is off.</summary>
    public MessagingTopology? Messaging { get; private set; }

    /// <summary>The forwarder between the silos and the broker (cut it to cut the network).</summary>
    public LoopbackTcpForwarder Forwarder => _forwarder ?? throw new InvalidOperationException("Messaging is off: FaultClusterOptions.Broker is not set.");

    /// <summary>The broker as the suite itself reaches it (directly, not through the forwarder).</summary>
    public Uri Broker => _options.Broker ?? throw new InvalidOperationException("Messaging is off: FaultClusterOptions.Broker is not set.");

    private void StartMessaging()
    {
        if (_options.Broker is null)
        {
            return;
        }

        _forwarder = new LoopbackTcpForwarder(_options.Broker.Host, _options.Broker.Port > 0 ? _options.Broker.Port : 5672);
        Messaging = new MessagingTopology(ClusterId);
        Log($"messaging on: relay exchange {Messaging.Exchange}, command queue {Messaging.Queue}, broker through 127.0.0.1:{_forwarder.Port}");
    }

    /// <summary>
    /// The silos' messaging settings: one relay of the scenarios' types (<see cref="MessagingTopology.TypePrefix"/>) and
    /// the command queue, both named after the cluster so nothing else on the broker is touched; short back-off, so the
    /// short form recovers from a cut in seconds.
    /// </summary>
    private Dictionary<string, string> MessagingEnvironment()
    {
        if (_forwarder is null || Messaging is null)
        {
            return [];
        }

        var throughForwarder = new UriBuilder(Broker) { Host = "127.0.0.1", Port = _forwarder.Port }.Uri;
        return new()
        {
            ["ConnectionStrings__RabbitMq"] = throughForwarder.ToString(),
            ["Messaging__FirstBackoff"] = "00:00:00.100",
            ["Messaging__MaxBackoff"] = "00:00:01",
            ["Messaging__Relays__0__Name"] = MessagingTopology.RelayName,
            ["Messaging__Relays__0__Exchange"] = Messaging.Exchange,
            ["Messaging__Relays__0__Types__0"] = MessagingTopology.TypePrefix + "*",
            ["Messaging__Commands__Enabled"] = "true",
            ["Messaging__Commands__Queue"] = Messaging.Queue,
            ["Messaging__Commands__DeadLetter"] = Messaging.DeadLetter,
            ["Messaging__Commands__Scopes__0"] = $"entities:write:{MessagingTopology.TypePrefix}*",
        };
    }

    /// <summary>Stops the forwarder and deletes the cluster's exchange and queues; never throws (the services must still stop).</summary>
    private async Task StopMessagingAsync()
    {
        if (_forwarder is null || Messaging is null)
        {
            return;
        }

        try
        {
            await _forwarder.DisposeAsync();
            await using var connection = await new ConnectionFactory { Uri = Broker }.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(Messaging.Queue);
            await channel.QueueDeleteAsync(Messaging.DeadLetter);
            await channel.ExchangeDeleteAsync(Messaging.DeadLetter);
            await channel.ExchangeDeleteAsync(Messaging.Exchange);
        }
        catch (Exception exception)
        {
            Log($"cleaning up the broker failed (left behind: {Messaging.Exchange}, {Messaging.Queue}): {exception.Message}");
        }
    }
}
