namespace Ivr.Storage.Messaging.Commands;

/// <summary>The inbound command consumer (configuration section <c>Messaging:Commands</c>); off by default.</summary>
public sealed class CommandOptions
{
    public const string SectionName = MessagingOptions.SectionName + ":Commands";

    /// <summary>Whether every silo consumes the command queue (competing consumers). The default value is false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The quorum queue of commands, declared if missing. The default value is <c>ivr.storage.commands</c>.</summary>
    public string Queue { get; set; } = "ivr.storage.commands";

    /// <summary>
    /// Where messages that can never succeed go, with the reason in headers: a fanout exchange of this name and a
    /// quorum queue of the same name bound to it. The default value is <c>ivr.storage.commands.dead</c>.
    /// </summary>
    public string DeadLetter { get; set; } = "ivr.storage.commands.dead";

    /// <summary>
    /// The caller this queue writes as: recorded as the versions' actor, and named in refusals. The default value is
    /// <c>rabbitmq-commands</c>.
    /// </summary>
    public string Caller { get; set; } = "rabbitmq-commands";

    /// <summary>
    /// What the queue may write, in the gateway's and the cluster's scope syntax (<c>entities:write:call-*</c>); a
    /// command on another type is dead-lettered as forbidden. Empty by default: nothing may be written until granted.
    /// </summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>Largest body accepted; a bigger one is dead-lettered. The default value is 1 MiB (the payload limit).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Messages a silo applies at once (and its prefetch). Commands are not ordered across messages: use expected
    /// versions to order writes of one entity. The default value is 8.
    /// </summary>
    public ushort Concurrency { get; set; } = 8;

    /// <summary>In-process attempts of a transient failure before the message is requeued (never dead-lettered). The default value is 3.</summary>
    public int TransientAttempts { get; set; } = 3;
}
