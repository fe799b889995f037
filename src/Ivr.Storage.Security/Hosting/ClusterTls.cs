using Ivr.Storage.Security.Certificates;
using Microsoft.Extensions.Logging;
using Orleans.Connections.Security;

namespace Ivr.Storage.Security.Hosting;

/// <summary>
/// Orleans TLS settings for each kind of connection. Both ends present a certificate and check the other's against
/// the cluster CA and its role (<see cref="PeerCertificateValidator"/>); host names are not compared, because silos
/// are reached by address (pod IPs), so the CA and the certificate's role are the trust.
/// </summary>
internal static partial class ClusterTls
{
    /// <summary>Accepting connections whose peers must hold <paramref name="peers"/> certificates.</summary>
    public static TlsOptions Accepting(ClusterCertificates certificates, CertificateRole peers, ILogger logger) => new()
    {
        LocalCertificate = certificates.Own,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (certificate, _, _) => Check(certificates, certificate, peers, logger),
    };

    /// <summary>Opening connections to silos (silo to silo, client to gateway), presenting this process's certificate.</summary>
    public static TlsOptions Opening(ClusterCertificates certificates, ILogger logger) => new()
    {
        LocalCertificate = certificates.Own,
        RemoteCertificateMode = RemoteCertificateMode.RequireCertificate,
        ClientCertificateMode = RemoteCertificateMode.RequireCertificate,
        RemoteCertificateValidation = (certificate, _, _) => Check(certificates, certificate, CertificateRole.Silo, logger),
    };

    private static bool Check(ClusterCertificates certificates, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, CertificateRole role, ILogger logger)
    {
        if (certificates.Validator.IsValid(certificate, role, out var reason))
        {
            return true;
        }

        LogRefused(logger, reason);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an Orleans connection: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
