using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace Ivr.Storage.Deploy.Tests;

/// <summary>
/// deploy/compose/certs/dev-certs.sh (the compose `certs` service) run into a temporary directory: one CA signs every
/// certificate, and the servers' certificates carry the names the connection strings verify (VerifyFull and sslHost
/// fail on any other name). Needs sh and openssl, like the script in its container.
/// </summary>
public sealed class ComposeDevelopmentCertificateTests : IDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    private readonly string _output = Directory.CreateTempSubdirectory("ivr-dev-certs-").FullName;

    [Fact]
    public async Task the_servers_certificates_carry_the_names_the_connection_strings_verify_and_one_ca_signs_all()
    {
        await RunScriptAsync();
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_output, "ca", "ca.crt"));
        var connectionStrings = Compose.ServiceNames
            .SelectMany(service => Compose.Environment(service))
            .Where(variable => variable.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(connectionStrings);

        foreach (var consumer in new[] { "postgres", "redis", "silo", "gateway" })
        {
            var directory = Path.Combine(_output, consumer);
            using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
            Assert.True(certificate.HasPrivateKey, $"{consumer}: tls.key is the key of tls.crt");
            AssertSignedBy(ca, certificate, consumer);
            using var copyOfCa = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "ca.crt"));
            Assert.Equal(ca.RawData, copyOfCa.RawData);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(directory, "tls.key")));
            }

            // The roles the silos read from extended key usages: servers (PostgreSQL, Redis) serve only, a silo serves
            // and connects, a caller (the gateway) connects only, so none of them can pass for another.
            var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value).ToHashSet();
            string[] expected = consumer switch
            {
                "silo" => ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
                "gateway" => ["1.3.6.1.5.5.7.3.2"],
                _ => ["1.3.6.1.5.5.7.3.1"],
            };
            Assert.True(usages.SetEquals(expected), $"{consumer}: extended key usages {string.Join(", ", usages)}");
        }

        foreach (var (name, value) in connectionStrings)
        {
            var server = ConnectionStringExamples.IsRedis(name) ? "redis" : "postgres";
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_output, server, "tls.crt"));
            var host = ConnectionStringExamples.VerifiedHost(name, value);
            Assert.True(certificate.MatchesHostname(host, allowWildcards: false, allowCommonName: false), $"{server}'s certificate names {host}, the host {name} verifies");
        }
    }

    [Fact]
    public async Task a_second_run_keeps_the_certificates_it_made()
    {
        await RunScriptAsync();
        var first = File.ReadAllBytes(Path.Combine(_output, "silo", "tls.crt"));
        await RunScriptAsync();
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(_output, "silo", "tls.crt")));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static void AssertSignedBy(X509Certificate2 ca, X509Certificate2 certificate, string consumer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), $"{consumer}: {string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation))}");
    }

    private async Task RunScriptAsync()
    {
        var start = new ProcessStartInfo("sh", [RepositoryFiles.PathOf($"{Compose.Directory}/certs/dev-certs.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["IVR_TLS_OUT"] = _output;
        start.Environment["IVR_TLS_SKIP_CHOWN"] = "1";
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await script.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"dev-certs.sh did not finish within {ScriptTimeout}");
        }

        Assert.True(script.ExitCode == 0, $"dev-certs.sh exited {script.ExitCode}: {await output}{await errors}");
    }
}
