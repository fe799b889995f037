using System.Net;
using Ivr.Storage.Security.Certificates;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Ivr.Storage.Security.Hosting;

/// <summary>Refuses to start a silo without TLS unless every address it listens on or advertises is loopback.</summary>
internal sealed class PlaintextOnLoopbackValidator(IOptions<EndpointOptions> endpoints) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var options = endpoints.Value;
        IPAddress?[] addresses = [options.AdvertisedIPAddress, options.SiloListeningEndpoint?.Address, options.GatewayListeningEndpoint?.Address];
        if (addresses.Any(address => address is not null && !IPAddress.IsLoopback(address)))
        {
            throw new ClusterSecurityException(
                "Orleans:Tls:Enabled is false but the silo listens on or advertises a non-loopback address: the Orleans ports would accept anyone. Turn TLS on.");
        }
    }
}
