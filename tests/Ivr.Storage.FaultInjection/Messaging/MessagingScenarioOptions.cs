namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>How much load a messaging scenario runs; the defaults are the short form of the tests.</summary>
public sealed record MessagingScenarioOptions
{
    /// <summary>
    /// The least time the writers write; they go on until <see cref="WritesAfterFault"/> too is reached. Commands are
    /// spread over its first half. The default value is 5 s (the long form uses minutes).
    /// </summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent writers through the Orleans client. The default value is 4.</summary>
    public int Writers { get; init; } = 4;

    /// <summary>
    /// Writes the writers must get acknowledged after the fault was injected before they stop, so the fault window is
    /// under steady load however slow the machine is (bounded by <see cref="LoadBound"/>). The default value is 300.
    /// </summary>
    public int WritesAfterFault { get; init; } = 300;

    /// <summary>Longest the writers may take, after the fault, to reach <see cref="WritesAfterFault"/>. The default value is 60 s.</summary>
    public TimeSpan LoadBound { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Command messages published while the writers write, spread over the first half. The default value is 120.</summary>
    public int Commands { get; init; } = 120;

    /// <summary>How long the network to the broker stays cut in <see cref="MessagingFault.BrokerCut"/>. The default value is 3 s.</summary>
    public TimeSpan Cut { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long, after the load, everything may take to be published and consumed. The default value is 90 s.</summary>
    public TimeSpan SettleBound { get; init; } = TimeSpan.FromSeconds(90);
}
