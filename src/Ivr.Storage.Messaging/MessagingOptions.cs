using Ivr.Storage.Messaging.Relay;

namespace Ivr.Storage.Messaging;

/// <summary>RabbitMQ integration (configuration section <c>Messaging</c>); off unless relays are configured.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// The broker as an AMQP URI (<c>amqp://user:password@host:port/vhost</c>). Taken from
    /// <c>ConnectionStrings:RabbitMq</c> when not set here; deploy/local/services.sh writes the local one.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The outbound relays, each a name of its own with its own checkpoint. None by default: a silo publishes nothing
    /// until one is configured (e.g. <c>Messaging__Relays__0__Name=changes</c>).
    /// </summary>
    public IList<RelayOptions> Relays { get; } = [];

    /// <summary>The longest wait between two attempts while the broker or the database is away. The default value is 30 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait after a failure, doubled (with jitter) up to <see cref="MaxBackoff"/>. The default value is 200 ms.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMilliseconds(200);
}
