namespace Ivr.Storage.Security.Certificates;

/// <summary>
/// Where a silo's or a client's certificate, key and trusted CA are (configuration <c>Orleans:Tls</c> on silos,
/// <c>IvrStorage:Tls</c> on clients). The certificate is the process's identity twice over: it authenticates the
/// TLS connection and signs the caller token each grain call carries.
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>PEM certificate of this process (<c>tls.crt</c> of a Kubernetes TLS Secret).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of that certificate (<c>tls.key</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>PEM certificate(s) of the CA that issues the cluster's certificates (<c>ca.crt</c>).</summary>
    public string? CaPath { get; set; }

    /// <summary>
    /// Whether the Orleans connections are encrypted and mutually authenticated. Caller tokens are checked either
    /// way. The default value is <see langword="true"/>; <see langword="false"/> is accepted only when every
    /// endpoint is on loopback (benchmarks compare the two).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a caller token this process signs stays valid. The default value is 10 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
