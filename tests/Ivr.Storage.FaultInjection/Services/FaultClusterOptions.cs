namespace Ivr.Storage.FaultInjection.Services;

/// <summary>Shape of the cluster under test.</summary>
public sealed record FaultClusterOptions
{
    /// <summary>Silos kept running between scenarios. The default value is 3.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>The client's response timeout: an unanswered call becomes a timeout after this. The default value is 3 s.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A RabbitMQ broker (AMQP URI) for the messaging scenarios: the silos then run a relay and consume a command queue of
    /// this cluster's own, reaching the broker through a TCP forwarder the cluster owns (<see cref="Ivr.Storage.Testing.LoopbackTcpForwarder"/>)
    /// so that a scenario can cut the network. Null, the default, leaves messaging off.
    /// </summary>
    public Uri? Broker { get; init; }

    /// <summary>Where progress lines go (the console, or a test's output).</summary>
    public Action<string> Log { get; init; } = _ => { };
}
