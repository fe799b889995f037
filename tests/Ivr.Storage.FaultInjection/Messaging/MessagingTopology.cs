namespace Ivr.Storage.FaultInjection.Messaging;

/// <summary>The broker names of one fault cluster: its own, so scenarios never see another cluster's messages.</summary>
public sealed record MessagingTopology(string ClusterId)
{
    /// <summary>The relay publishes, and the command queue may write, only types starting so.</summary>
    public const string TypePrefix = "mq-";

    public const string RelayName = "fault-relay";

    public string Exchange => $"ivr.fault.{ClusterId}.changes";

    public string Queue => $"ivr.fault.{ClusterId}.commands";

    public string DeadLetter => $"ivr.fault.{ClusterId}.commands.dead";
}
