using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using StackExchange.Redis;

namespace Ivr.Storage.Security.Certificates;

/// <summary>
/// StackExchange.Redis options from a connection string (<c>host:port,user=…,password=…,ssl=true</c>). With
/// <c>ssl=true</c> the server's certificate must pass the usual checks or, for a Redis whose certificate the cluster
/// CA issued (the local scripts' setup), chain to that CA with a matching host name.
/// </summary>
public static class RedisTls
{
    /// <summary>Parses <paramref name="connectionString"/> and, when it asks for TLS, also trusts <paramref name="authorities"/>.</summary>
    public static ConfigurationOptions Options(string connectionString, X509Certificate2Collection? authorities)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        if (options.Ssl && authorities is { Count: > 0 })
        {
            options.CertificateValidation += (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && ChainsTo(certificate, authorities));
        }

        return options;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
