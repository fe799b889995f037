using System.Security.Cryptography.X509Certificates;

namespace Ivr.Storage.Security.Certificates;

/// <summary>
/// This process's certificate (with its private key) and the certificate authorities it trusts for the cluster's
/// connections and caller tokens, loaded from PEM files (a Kubernetes TLS Secret mounts exactly these).
/// </summary>
public sealed class ClusterCertificates
{
    private ClusterCertificates(X509Certificate2 own, X509Certificate2Collection authorities)
    {
        Own = own;
        Authorities = authorities;
        Validator = new PeerCertificateValidator(authorities);
        Name = PeerCertificateValidator.NameOf(own);
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Own { get; }

    /// <summary>The trusted certificate authorities; nothing else is trusted (not the operating system's roots).</summary>
    public X509Certificate2Collection Authorities { get; }

    /// <summary>Checks peers' certificates against <see cref="Authorities"/>.</summary>
    public PeerCertificateValidator Validator { get; }

    /// <summary>This process's identity: the common name of <see cref="Own"/>.</summary>
    public string Name { get; }

    /// <summary>Loads the PEM files named by <paramref name="options"/>.</summary>
    /// <exception cref="ClusterSecurityException">A file is missing, unreadable or not what it should be.</exception>
    public static ClusterCertificates Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var certificatePath = Require(options.CertificatePath, nameof(options.CertificatePath));
        var keyPath = Require(options.KeyPath, nameof(options.KeyPath));
        var caPath = Require(options.CaPath, nameof(options.CaPath));
        X509Certificate2 own;
        var authorities = new X509Certificate2Collection();
        try
        {
            own = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            authorities.ImportFromPemFile(caPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new ClusterSecurityException($"Cannot load the cluster certificate ({certificatePath}, key {keyPath}) or its CA ({caPath}): {ex.Message}", ex);
        }

        if (authorities.Count == 0)
        {
            throw new ClusterSecurityException($"{caPath} holds no certificate: give the PEM certificate of the cluster's CA.");
        }

        return new ClusterCertificates(own, authorities);
    }

    private static string Require(string? path, string name) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new ClusterSecurityException($"Tls:{name} is not set: every silo and client needs its certificate, its key and the cluster CA (deploy/local/services.sh writes local ones).")
            : path;
}
