using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Testing;

namespace Ivr.Storage.AuditLog.Tests;

/// <summary>
/// A real RFC 3161 timestamp authority on loopback: OpenSSL's <c>openssl ts -reply</c> answers each
/// <c>application/timestamp-query</c> POSTed to <see cref="Url"/>, signing with a certificate of its own (EKU
/// time-stamping) that <see cref="Certificate"/> holds. One request at a time (OpenSSL keeps a serial file).
/// </summary>
internal sealed class LocalTimestampAuthority : IAsyncDisposable
{
    private const string Config =
        """
        [ tsa ]
        default_tsa = tsa_config
        [ tsa_config ]
        serial = ./serial
        crypto_device = builtin
        signer_digest = sha256
        default_policy = 1.2.3.4.1
        digests = sha256
        accuracy = secs:1
        ordering = no
        tsa_name = no
        ess_cert_id_chain = no
        ess_cert_id_alg = sha256
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ivr-tsa-");
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _requests;

    public LocalTimestampAuthority(string name = "ivr-test-tsa")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var signed = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        Certificate = X509CertificateLoader.LoadCertificate(signed.RawData);
        File.WriteAllText(Path.Combine(_directory.FullName, "tsa.crt"), Certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory.FullName, "tsa.key"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_directory.FullName, "tsa.cnf"), Config);
        File.WriteAllText(Path.Combine(_directory.FullName, "serial"), "01\n");
        Url = new Uri($"http://127.0.0.1:{FreePorts.Any()}/tsa/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    /// <summary>The authority's certificate, as an auditor would be handed it.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>How many tokens it issued.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped while waiting for a request.
        }

        _listener.Close();
        _stop.Dispose();
        Certificate.Dispose();
        _directory.Delete(recursive: true);
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            var number = Interlocked.Increment(ref _requests);
            var query = Path.Combine(_directory.FullName, $"q{number}.tsq");
            var reply = Path.Combine(_directory.FullName, $"r{number}.tsr");
            await using (var file = File.Create(query))
            {
                await context.Request.InputStream.CopyToAsync(file);
            }

            await ChildProcess.RunAsync("openssl", ["ts", "-reply", "-config", "tsa.cnf", "-queryfile", query, "-signer", "tsa.crt", "-inkey", "tsa.key", "-out", reply], TimeSpan.FromSeconds(30), _directory.FullName);
            var body = await File.ReadAllBytesAsync(reply);
            context.Response.ContentType = "application/timestamp-reply";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
