namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>How much load a messaging scenario runs; the defaults are the short form of the tests.</summary>
public sealed record MessagingScenarioOptions
{
    /// <summary>How long the writers write. The default value is 5 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent writers through the Orleans client. The default value is 4.</summary>
    public int Writers { get; init; } = 4;

    /// <summary>Command messages published while the writers write, spread over the first half. The default value is 120.</summary>
    public int Commands { get; init; } = 120;

    /// <summary>How long the network to the broker stays cut in <see cref="MessagingFault.BrokerCut"/>. The default value is 3 s.</summary>
    public TimeSpan Cut { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long, after the load, everything may take to be published and consumed. The default value is 90 s.</summary>
    public TimeSpan SettleBound { get; init; } = TimeSpan.FromSeconds(90);
}
