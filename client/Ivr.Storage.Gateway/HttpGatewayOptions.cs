namespace Ivr.Storage.Gateway;

/// <summary>Behaviour and limits of the HTTP gateway (configuration section <c>Gateway</c>).</summary>
public sealed class HttpGatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Largest accepted request body, in bytes; larger requests get 413. The default value is 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// When true, every write must carry <c>If-Match</c> or <c>If-None-Match</c>; writes without one get 428.
    /// The default value is <see langword="false"/>.
    /// </summary>
    public bool RequirePreconditionOnWrites { get; set; }

    /// <summary>Seconds sent as <c>Retry-After</c> with 503 while the cluster is unavailable. The default value is 5.</summary>
    public int UnavailableRetryAfterSeconds { get; set; } = 5;

    /// <summary>Writes per minute per caller before 429. The default value is 100.</summary>
    public int WritesPerMinute { get; set; } = 100;

    /// <summary>Reads per minute per caller before 429. The default value is 1000.</summary>
    public int ReadsPerMinute { get; set; } = 1000;

    /// <summary>
    /// Query requests with <c>minPosition</c> (which may wait for the read model) one caller may have in flight at once;
    /// more get 429 with <c>Retry-After</c>. The default value is 8.
    /// </summary>
    public int MinPositionWaitsPerCaller { get; set; } = 8;

    /// <summary>
    /// How often <c>/changes/stream</c> polls the change feed once it has caught up, which is also the live latency
    /// of the stream. The default value is 250 ms.
    /// </summary>
    public TimeSpan ChangeStreamPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Change streams (<c>/changes/stream</c>) one caller may have open at once; one more is refused with 429 until one
    /// of them ends. The default value is 4.
    /// </summary>
    public int MaxChangeStreamsPerCaller { get; set; } = 4;

    /// <summary>
    /// Longest a change stream stays open; then it ends and the client reconnects with <c>Last-Event-ID</c> (an
    /// EventSource does so by itself), authenticating again. The default value is 30 minutes.
    /// </summary>
    public TimeSpan ChangeStreamMaxLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often an open change stream checks that the API key it was opened with is still configured with the same
    /// scopes; a stream whose key was removed or changed ends. (A JWT's stream ends at the token's <c>exp</c>.) The
    /// default value is 30 seconds.
    /// </summary>
    public TimeSpan ChangeStreamCredentialCheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
