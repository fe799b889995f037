namespace Ivr.Storage.Security.Certificates;

/// <summary>
/// What a certificate of the cluster's CA may do, read from its extended key usages: a silo certificate carries
/// server and client authentication (it accepts and opens connections), a caller certificate client authentication
/// only. A certificate with server authentication alone (a Redis or PostgreSQL server's) is neither.
/// </summary>
public enum CertificateRole
{
    /// <summary>A silo: server and client authentication (it both accepts and opens silo-to-silo connections).</summary>
    Silo,

    /// <summary>IVR.Server, a Worker, the HTTP gateway: client authentication only.</summary>
    Caller,
}
