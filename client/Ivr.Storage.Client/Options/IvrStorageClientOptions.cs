using System.Text.Json;
using Ivr.Storage.Security.Certificates;

namespace Ivr.Storage.Client;

/// <summary>How the client finds the cluster and how it stamps writes (configuration section <c>IvrStorage</c>).</summary>
public sealed class IvrStorageClientOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "IvrStorage";

    /// <summary>
    /// StackExchange.Redis connection string of the cluster's membership store, e.g. <c>127.0.0.1:6379</c>. The client
    /// reads the gateway list from there; it never needs silo addresses. When empty, the configuration overload falls
    /// back to <c>ConnectionStrings:Redis</c>.
    /// </summary>
    public string RedisConnectionString { get; set; } = string.Empty;

    /// <summary>The cluster to join. The default value is <c>ivr-storage-local</c>.</summary>
    public string ClusterId { get; set; } = "ivr-storage-local";

    /// <summary>The service id the silos run with. The default value is <c>ivr-storage</c>.</summary>
    public string ServiceId { get; set; } = "ivr-storage";

    /// <summary>Required: the name of this service or worker, stamped as provenance source on every write that names none.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>
    /// Whether the client gives every write without an idempotency key a new one (a GUID), which makes retries safe.
    /// The default value is <see langword="true"/>; when false, writes without a key are never retried.
    /// </summary>
    public bool AddIdempotencyKeys { get; set; } = true;

    /// <summary>How long a grain call may take before it fails with a timeout. The default value is 30 seconds.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the client re-reads the gateway list from Redis, which is how it finds silos that came back on new
    /// addresses. The default value is 10 seconds.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many times the client tries to connect at start-up before the host fails to start (the host does not start
    /// serving before the client is connected). The default value is 15.
    /// </summary>
    public int ConnectAttempts { get; set; } = 15;

    /// <summary>Pause between connection attempts at start-up. The default value is 2 seconds.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How typed payloads are serialized by <see cref="IEntityStore.PutAsync{T}"/> and <see cref="IEntityStore.PatchAsync{T}"/>.
    /// The default value (null) means <see cref="JsonSerializerOptions.Web"/>: camelCase names.
    /// </summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>
    /// This client's certificate, key and the cluster CA (section <c>IvrStorage:Tls</c>). Required: the certificate
    /// authenticates the TLS connection to the silos and its common name is the caller's identity, which the silos
    /// check against their <c>Security:Callers</c> and record as the actor of its writes.
    /// </summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Retry and circuit-breaker settings.</summary>
    public IvrStorageResilienceOptions Resilience { get; set; } = new();
}
