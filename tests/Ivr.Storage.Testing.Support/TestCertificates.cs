using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Security.Certificates;

namespace Ivr.Storage.Testing;

/// <summary>
/// Certificates for the tests, issued by the development CA of deploy/local/certs.sh (which also signed the local
/// Redis and PostgreSQL certificates) into a directory of PEM files like the ones the scripts make: a silo
/// certificate (server and client authentication) and caller certificates (client authentication only) on demand,
/// plus the wrong kinds an attack test needs. One set per test process.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Instance = new(() => new TestCertificates());

    private readonly X509Certificate2 _authority;
    // Lazy: GetOrAdd may run a factory twice at once, and two certificates written to one pair of files would not match.
    private readonly ConcurrentDictionary<string, Lazy<ClusterTlsOptions>> _issued = new(StringComparer.Ordinal);

    private TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ivr-test-ca-").FullName;
        _authority = X509Certificate2.CreateFromPemFile(TestServices.CaPath, TestServices.CaKeyPath);
        CaPath = TestServices.CaPath;
    }

    /// <summary>The process's test certificates.</summary>
    public static TestCertificates Shared => Instance.Value;

    /// <summary>The name of the caller the test clusters configure with every scope (and the right to name actors).</summary>
    public const string TestCaller = "ivr-tests";

    /// <summary>Where the PEM files are.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate every silo and client trusts.</summary>
    public string CaPath { get; }

    /// <summary>A silo certificate (server and client authentication).</summary>
    public ClusterTlsOptions Silo(bool tls = true) => WithTls(Issue("ivr-test-silo", CertificateRole.Silo), tls);

    /// <summary>A caller certificate named <paramref name="name"/> (client authentication only).</summary>
    public ClusterTlsOptions Caller(string name = TestCaller, bool tls = true) => WithTls(Issue(name, CertificateRole.Caller), tls);

    /// <summary>A caller certificate of the right shape issued by another CA: what an outsider can make.</summary>
    public ClusterTlsOptions ForeignCaller(string name) =>
        Once("foreign/" + name, () =>
        {
            using var foreign = CreateAuthority("Some other CA");
            return Files("foreign-" + name, CreateLeaf(foreign, name, [ClientAuthentication], DateTimeOffset.UtcNow.AddYears(1)));
        });

    /// <summary>
    /// A silo certificate of the right shape issued by another CA: a rogue silo or gateway. It trusts its own CA and the
    /// cluster's (public anyway), so it runs and reaches the shared Redis.
    /// </summary>
    public ClusterTlsOptions ForeignSilo(string name) =>
        Once("foreign-silo/" + name, () =>
        {
            using var foreign = CreateAuthority("Some other CA");
            var files = Files("foreign-silo-" + name, CreateLeaf(foreign, name, ServerAndClient, DateTimeOffset.UtcNow.AddYears(1)));
            files.CaPath = Write("foreign-silo-" + name + "-trusts.crt", foreign.ExportCertificatePem() + "\n" + File.ReadAllText(CaPath));
            return files;
        });

    /// <summary>A server-only certificate of the cluster's CA, like the local Redis's and PostgreSQL's.</summary>
    public ClusterTlsOptions ServerOnly(string name) =>
        Once("server-only/" + name, () => Files("server-only-" + name, CreateLeaf(_authority, name, [ServerAuthentication], DateTimeOffset.UtcNow.AddDays(7))));

    /// <summary>A caller certificate of the cluster's CA that has expired.</summary>
    public ClusterTlsOptions ExpiredCaller(string name) =>
        Once("expired/" + name, () => Files("expired-" + name, CreateLeaf(_authority, name, [ClientAuthentication], DateTimeOffset.UtcNow.AddSeconds(-1))));

    /// <summary>Configuration keys for a silo host or a client (prefix <c>Orleans:Tls</c> or <c>IvrStorage:Tls</c>).</summary>
    public static Dictionary<string, string?> Settings(string prefix, ClusterTlsOptions options) => new()
    {
        [$"{prefix}:CertificatePath"] = options.CertificatePath,
        [$"{prefix}:KeyPath"] = options.KeyPath,
        [$"{prefix}:CaPath"] = options.CaPath,
        [$"{prefix}:Enabled"] = options.Enabled ? "true" : "false",
    };

    /// <summary>Environment variables that make a child process (the gateway, a worker) an Orleans client as <paramref name="options"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ClientEnvironment(ClusterTlsOptions options) =>
        SiloConfiguration.AsEnvironment(Settings("IvrStorage:Tls", options));

    private ClusterTlsOptions Issue(string name, CertificateRole role) =>
        Once($"{role}/{name}", () => Files(name, CreateLeaf(_authority, name, role == CertificateRole.Silo ? ServerAndClient : [ClientAuthentication], DateTimeOffset.UtcNow.AddDays(7))));

    private ClusterTlsOptions Once(string key, Func<ClusterTlsOptions> issue) =>
        _issued.GetOrAdd(key, _ => new Lazy<ClusterTlsOptions>(issue)).Value;

    private static ClusterTlsOptions WithTls(ClusterTlsOptions options, bool tls) => new()
    {
        CertificatePath = options.CertificatePath,
        KeyPath = options.KeyPath,
        CaPath = options.CaPath,
        Enabled = tls,
    };

    private ClusterTlsOptions Files(string name, X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        return new ClusterTlsOptions
        {
            CertificatePath = Write(name + ".crt", certificate.ExportCertificatePem()),
            KeyPath = Write(name + ".key", key.ExportPkcs8PrivateKeyPem()),
            CaPath = CaPath,
        };
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(Directory, file);
        File.WriteAllText(path, pem);
        return path;
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private static readonly string[] ServerAndClient = [ServerAuthentication, ClientAuthentication];

    private static X509Certificate2 CreateLeaf(X509Certificate2 authority, string name, string[] extendedUsages, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var usages = new OidCollection();
        foreach (var usage in extendedUsages)
        {
            usages.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        // Never before the issuer's own start (the development CA may be minutes old).
        var authorityStart = new DateTimeOffset(authority.NotBefore.ToUniversalTime());
        var wanted = notAfter < DateTimeOffset.UtcNow ? notAfter.AddDays(-7) : DateTimeOffset.UtcNow.AddHours(-1);
        var notBefore = wanted < authorityStart ? authorityStart : wanted;
        using var issued = request.Create(authority, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }
}
