namespace Ivr.Storage.AuditLog;

/// <summary>The transparency log's settings (section <c>AuditLog</c>; deploy/README.md lists them).</summary>
public sealed class AuditLogOptions
{
    public const string SectionName = "AuditLog";

    /// <summary>Whether the cluster runs the log writer. The default value is false: it needs a signing key.</summary>
    public bool Enabled { get; set; }

    /// <summary>PEM file of the Ed25519 private key heads are signed with (PKCS#8, as <c>openssl genpkey -algorithm ed25519</c> writes). Required when enabled; no default.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Directory every signed head is exported to (<c>head-{size}.json</c>). Required when enabled; no default.</summary>
    public string? HeadDirectory { get; set; }

    /// <summary>Connection string of the log's own pool (off the write path). The default is <c>ConnectionStrings:AuditLog</c>, else <c>ConnectionStrings:Journal</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Changes read and appended per transaction. The default value is 1000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A head is signed once this long has passed since the last one and the log grew. The default value is 10 seconds.</summary>
    public TimeSpan HeadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A head is signed once the log grew by this many versions since the last one, whatever the time. The default value is 10,000.</summary>
    public long HeadEveryVersions { get; set; } = 10_000;

    /// <summary>How often the writer looks for new changes when it is caught up. The default value is 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// URL of an RFC 3161 timestamp authority (HTTP POST of <c>application/timestamp-query</c>): each head is stored and
    /// exported with its token, and no head is stored while the authority gives none. The default is none (no timestamps).
    /// </summary>
    public Uri? TimestampAuthorityUrl { get; set; }

    /// <summary>How long the log waits for the timestamp authority's answer. The default value is 10 seconds.</summary>
    public TimeSpan TimestampTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A second, write-once directory for heads (<see cref="Sinks.WriteOnceDirectoryTreeHeadSink"/>: never replaced,
    /// read-only files, a different head for an exported size refused). The default is none.
    /// </summary>
    public string? WriteOnceDirectory { get; set; }

    /// <summary>
    /// A RabbitMQ topic exchange every head is published to (persistent, publisher-confirmed, routing key
    /// <c>tree-head</c>) over the silo's broker connection (<c>ConnectionStrings:RabbitMq</c>). The default is none.
    /// </summary>
    public string? HeadExchange { get; set; }
}
