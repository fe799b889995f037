using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Ivr.Storage.Contracts;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Configuration;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// Nobody reaches the Orleans ports without a certificate of the cluster's CA in the right role, and nobody calls a
/// grain without a token signed by such a certificate (issue 15, finding 2). Real TCP connections to real silos.
/// </summary>
[Collection(SecuredClusterCollection.Name)]
public sealed class ConnectionAttackTests(SecuredClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TestCertificates Certificates = TestCertificates.Shared;

    public static TheoryData<string> RefusedClientCertificates => ["another CA", "expired", "no TLS"];

    [Theory]
    [MemberData(nameof(RefusedClientCertificates))]
    public async Task a_client_library_host_with_a_refused_certificate_or_without_tls_cannot_connect(string kind)
    {
        var tls = kind switch
        {
            "another CA" => Certificates.ForeignCaller(SecuredClusterFixture.Worker),
            "expired" => Certificates.ExpiredCaller(SecuredClusterFixture.Worker),
            _ => Certificates.Caller(SecuredClusterFixture.Worker, tls: false),
        };
        using var client = fixture.Client(tls);

        await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync().WaitAsync(Bound));
    }

    [Fact]
    public async Task a_client_over_tls_whose_calls_carry_no_caller_token_is_refused_even_the_cluster_manifest()
    {
        using var logs = new FakeLoggerProvider();
        using var raw = RawClient(logs);

        // The client's first call (the cluster's type manifest) is refused, so it never becomes usable.
        _ = raw.StartAsync();

        await SecuredClusterFixture.AssertRefusalLoggedAsync(logs, "no caller token");
    }

    [Fact]
    public async Task a_caller_name_written_into_the_request_context_is_not_an_identity()
    {
        using var logs = new FakeLoggerProvider();
        using var raw = RawClient(logs, posingAs: TestCertificates.TestCaller);

        _ = raw.StartAsync();

        await SecuredClusterFixture.AssertRefusalLoggedAsync(logs, "malformed");
    }

    [Theory]
    [InlineData("caller")]
    [InlineData("silo of another CA")]
    public async Task the_silo_to_silo_port_refuses_anything_but_a_silo_certificate_of_the_cluster_ca(string kind)
    {
        var (siloPort, _) = fixture.Endpoints();

        await AssertRefusedAsync(siloPort, kind == "caller" ? Certificates.Caller(SecuredClusterFixture.Worker) : Certificates.ForeignSilo("rogue-silo"));
    }

    public static TheoryData<string> RefusedAtTheGatewayPort => ["another CA", "server only", "none"];

    [Theory]
    [MemberData(nameof(RefusedAtTheGatewayPort))]
    public async Task the_client_gateway_port_refuses_a_foreign_a_server_only_or_no_client_certificate(string kind)
    {
        var (_, gatewayPort) = fixture.Endpoints();
        var certificate = kind switch
        {
            "another CA" => Certificates.ForeignCaller(SecuredClusterFixture.Worker),
            "server only" => Certificates.ServerOnly("localhost"),
            _ => null,
        };

        await AssertRefusedAsync(gatewayPort, certificate);
    }

    [Fact]
    public async Task the_client_gateway_port_answers_nothing_to_plaintext()
    {
        var (_, gatewayPort) = fixture.Endpoints();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", gatewayPort);
        var stream = tcp.GetStream();
        // The start of an Orleans connection preamble, in the clear.
        await stream.WriteAsync(new byte[] { 0, 0, 0, 0, 16, 0, 0, 0 });

        Assert.Equal(0, await ReadUntilClosedAsync(stream));
    }

    /// <summary>
    /// A TLS client that presents <paramref name="options"/>' certificate (or none): the silo ends the connection
    /// during or right after the handshake. Had it accepted the certificate, it would wait for the Orleans preamble
    /// and the bounded read would time out, failing the test.
    /// </summary>
    private static async Task AssertRefusedAsync(int port, ClusterTlsOptions? options)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        var certificates = new X509CertificateCollection();
        if (options is not null)
        {
            certificates.Add(ClusterCertificates.Load(options).Own);
        }

        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", ClientCertificates = certificates }).WaitAsync(Bound);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return;
        }

        Assert.Equal(0, await ReadUntilClosedAsync(tls));
    }

    private static async Task<int> ReadUntilClosedAsync(Stream stream)
    {
        try
        {
            return await stream.ReadAsync(new byte[64]).AsTask().WaitAsync(Bound);
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException)
        {
            return 0;
        }
    }

    /// <summary>
    /// An Orleans client with a valid caller certificate on its TLS connections but without the library's token
    /// filter: what someone who took a worker's key, not its configured identity, can do. With
    /// <paramref name="posingAs"/>, every call carries that name where the token belongs.
    /// </summary>
    private IHost RawClient(FakeLoggerProvider logs, string? posingAs = null)
    {
        var certificate = ClusterCertificates.Load(Certificates.Caller(TestCertificates.TestCaller)).Own;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = fixture.ClusterId;
                options.ServiceId = RedisEntityClusterFixture.ServiceId;
            });
            client.UseRedisClustering(options => options.ConfigurationOptions = TestServices.RedisOptions());
            client.UseTls(certificate, options => options.AllowAnyRemoteCertificate());
            if (posingAs is not null)
            {
                client.AddOutgoingGrainCallFilter(context =>
                {
                    RequestContext.Set(Ivr.Storage.Security.Tokens.CallerToken.RequestContextKey, posingAs);
                    return context.Invoke();
                });
            }
        });
        return builder.Build();
    }
}
