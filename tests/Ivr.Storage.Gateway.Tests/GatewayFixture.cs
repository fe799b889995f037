using Ivr.Storage.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>A Redis-clustered test cluster and the gateway in front of it, shared by a test collection.</summary>
public class GatewayFixture : RedisEntityClusterFixture
{
    public GatewayFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    private WebApplicationFactory<Program>? _kestrel;
    private HttpClient? _kestrelClient;

    /// <summary>
    /// A client of the same gateway served by Kestrel on a loopback port. The test server hands the application an
    /// already-decoded path and no raw request target, so only a real server shows how ids in URLs are decoded.
    /// </summary>
    public HttpClient KestrelClient
    {
        get
        {
            lock (this)
            {
                if (_kestrelClient is null)
                {
                    // A free loopback port: the gateway's own "Urls" setting would otherwise pick its fixed development port.
                    _kestrel = With(("Urls", "http://127.0.0.1:0"));
                    _kestrel.UseKestrel(0);
                    _kestrel.StartServer();
                    _kestrelClient = _kestrel.CreateClient();
                }

                return _kestrelClient;
            }
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Factory = new GatewayFactory(this);
        Client = Factory.CreateClient();
    }

    /// <summary>A second gateway over the same cluster with some settings changed (a host of its own).</summary>
    public WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    public override async Task DisposeAsync()
    {
        Client?.Dispose();
        _kestrelClient?.Dispose();
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }

        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
