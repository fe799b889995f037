using System.Globalization;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Ivr.Storage.Client.Tests.Security;

/// <summary>
/// Whoever can write Redis can list a gateway of their own in the membership table (issue 15, finding 3): a client
/// must refuse to talk to it unless it proves, in the TLS handshake, a silo certificate of the cluster's CA.
/// </summary>
[Collection(SecuredClusterCollection.Name)]
public sealed class RogueGatewayTests(SecuredClusterFixture fixture)
{
    [Fact]
    public async Task a_client_refuses_a_gateway_listed_in_redis_whose_certificate_another_ca_issued()
    {
        // A real silo process of the attacker's, on the cluster's own Redis, under a cluster id the client will ask for.
        var clusterId = "rogue-" + Guid.NewGuid().ToString("N")[..8];
        using var rogue = RogueSilo(clusterId);
        await rogue.StartAsync();
        using var logs = new FakeLoggerProvider();
        using var client = ClientOf(clusterId, logs);

        // The client finds the rogue gateway in Redis and must not complete a connection to it.
        await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains(logs.Collector.GetSnapshot(), record =>
            record.Message.Contains("Refused an Orleans connection", StringComparison.Ordinal)
            && record.Message.Contains("does not chain to the cluster CA", StringComparison.Ordinal));
        await rogue.StopAsync();
    }

    private IHost ClientOf(string clusterId, FakeLoggerProvider logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.Services.AddIvrStorageClient(options =>
        {
            options.RedisConnectionString = fixture.RedisConnectionString;
            options.ClusterId = clusterId;
            options.ServiceId = RedisEntityClusterFixture.ServiceId;
            options.Source = "rogue-gateway-tests";
            options.Tls = TestCertificates.Shared.Caller();
            options.ConnectAttempts = 2;
            options.ConnectRetryDelay = TimeSpan.FromMilliseconds(200);
        });
        return builder.Build();
    }

    private static IHost RogueSilo(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        var settings = SiloConfiguration.Common(TestServices.JournalConnectionString, runProjection: false, tls: true);
        foreach (var (key, value) in TestCertificates.Settings("Orleans:Tls", TestCertificates.Shared.ForeignSilo("rogue-silo")))
        {
            settings[key] = value;
        }

        settings["ConnectionStrings:Redis"] = TestServices.RedisConnectionString;
        settings["Orleans:ClusterId"] = clusterId;
        settings["Orleans:ServiceId"] = RedisEntityClusterFixture.ServiceId;
        settings["Orleans:SiloPort"] = FreePorts.Any().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = FreePorts.Any().ToString(CultureInfo.InvariantCulture);
        settings["Orleans:RedisEntryExpiry"] = "00:05:00";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIvrStorageSilo();
        return builder.Build();
    }
}
