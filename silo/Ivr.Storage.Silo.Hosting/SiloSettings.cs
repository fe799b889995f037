using System.Net;

namespace Ivr.Storage.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins (configuration section <c>Orleans</c>).</summary>
public sealed class SiloSettings
{
    public const string SectionName = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster. The default value is <c>ivr-storage-local</c>.</summary>
    public string ClusterId { get; set; } = "ivr-storage-local";

    /// <summary>Identifies the service across deployments; keys grain storage. The default value is <c>ivr-storage</c>.</summary>
    public string ServiceId { get; set; } = "ivr-storage";

    /// <summary>Silo-to-silo port. The default value is 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients connect to. The default value is 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address other silos and clients use to reach this one: an IP address, or a host name resolved at start-up
    /// (a container's service name). Ignored under Kubernetes, where the pod IP is used. The default value is 127.0.0.1.
    /// </summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>
    /// Expiry of this cluster's membership hash in Redis. Leave unset in production; set it for short-lived
    /// clusters (tests, local runs with fresh cluster ids) so Redis does not fill with dead entries.
    /// </summary>
    public TimeSpan? RedisEntryExpiry { get; set; }

    /// <summary>
    /// How long a stop (SIGTERM) may take: the silo stops accepting work, finishes in-flight calls, deactivates its
    /// grains and leaves the cluster within this time, then the process exits. Keep an orchestrator's grace period
    /// above it. The default value is 30 seconds.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Silo name in the dashboard and the logs. The default value is the machine name plus the silo port.</summary>
    public string? SiloName { get; set; }
}
