namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>The command-line names of the RabbitMQ scenarios (<c>mq-relay-kill9</c>, <c>mq-consumer-kill9</c>, <c>mq-broker-cut</c>; <c>mq</c> = all three).</summary>
public static class MessagingScenarioNames
{
    public const string AllOfThem = "mq";

    private static readonly Dictionary<MessagingFault, string> Names = new()
    {
        [MessagingFault.RelayKill9] = "mq-relay-kill9",
        [MessagingFault.ConsumerKill9] = "mq-consumer-kill9",
        [MessagingFault.BrokerCut] = "mq-broker-cut",
    };

    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string Name(this MessagingFault fault) => Names[fault];

    /// <summary>Whether <paramref name="name"/> names RabbitMQ scenarios (then <see cref="Parse"/> takes it).</summary>
    public static bool IsMessaging(string name) => name == AllOfThem || Names.ContainsValue(name);

    /// <summary>One scenario by name, or all three for <c>mq</c>.</summary>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IReadOnlyList<MessagingFault> Parse(string name) =>
        name == AllOfThem ? [.. Names.Keys]
        : Names.FirstOrDefault(pair => pair.Value == name) is { Value: not null } found ? [found.Key]
        : throw new ArgumentException($"Unknown RabbitMQ scenario '{name}'; expected one of {string.Join(", ", All)} or {AllOfThem}.", nameof(name));
}
