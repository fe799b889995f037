using Ivr.Storage.Contracts;

namespace Ivr.Storage.Messaging.Relay;

/// <summary>One named outbound relay (an element of <c>Messaging:Relays</c>).</summary>
public sealed class RelayOptions
{
    /// <summary>The default exchange, a durable topic exchange.</summary>
    public const string DefaultExchange = "ivr.storage.changes";

    /// <summary>The relay's name: its checkpoint's key (<c>ivr.message_relays</c>) and its metrics' tag. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>The topic exchange it publishes to, declared if missing. The default value is <c>ivr.storage.changes</c>.</summary>
    public string Exchange { get; set; } = DefaultExchange;

    /// <summary>Entity types or prefixes (<c>call-*</c>) it publishes; empty publishes every type. The default is empty.</summary>
    public IList<string> Types { get; } = [];

    /// <summary>Kinds of change it publishes; empty publishes every kind. The default is empty.</summary>
    public IList<ChangeKind> Kinds { get; } = [];

    /// <summary>Whether the message body carries the payload (else it is empty: a notification). The default value is true.</summary>
    public bool IncludePayloads { get; set; } = true;

    /// <summary>Changes read, published and confirmed per checkpoint move. The default value is 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often a caught-up relay looks for new changes. The default value is 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The feed filter this relay reads with (types and payloads; kinds are filtered after reading).</summary>
    public ChangeFeedFilter ToFeedFilter() => new()
    {
        Types = Types.Count == 0 ? null : [.. Types],
        IncludePayloads = IncludePayloads,
    };
}
