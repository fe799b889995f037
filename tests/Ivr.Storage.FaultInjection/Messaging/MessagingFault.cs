namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>The RabbitMQ fault scenarios (issue 20), each injected while writes and commands flow.</summary>
public enum MessagingFault
{
    /// <summary>kill -9 of the silo that holds the change relay, while it publishes.</summary>
    RelayKill9,

    /// <summary>kill -9 of a silo consuming commands, with deliveries unacknowledged in its hands.</summary>
    ConsumerKill9,

    /// <summary>The network to the broker cut (every connection dropped, new ones refused) for a while, then restored.</summary>
    BrokerCut,
}
