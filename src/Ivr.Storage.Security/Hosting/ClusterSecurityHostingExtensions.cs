using Ivr.Storage.Security.Calls;
using Ivr.Storage.Security.Certificates;
using Ivr.Storage.Security.Hosting;
using Ivr.Storage.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Mutual TLS on the Orleans ports and caller tokens on every grain call, for silos and clients.</summary>
public static class ClusterSecurityHostingExtensions
{
    /// <summary>
    /// Silo: TLS on the silo port (peers must hold silo certificates), on the gateway port (peers must hold caller
    /// certificates) and on outgoing silo connections; the silo's own calls carry its token. Registers the
    /// <see cref="CallerTokenValidator"/> an incoming filter checks calls with.
    /// </summary>
    public static ISiloBuilder UseClusterSecurity(this ISiloBuilder builder, ClusterCertificates certificates, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddSingleton(certificates);
        // Tokens name the service id in effect as their audience (a test cluster sets its own).
        builder.Services.AddSingleton(provider => new CallerTokenIssuer(certificates.Own, ServiceId(provider), options.TokenLifetime, provider.GetService<TimeProvider>()));
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, CallerTokenOutgoingFilter>();
        builder.Services.AddSingleton(provider => new CallerTokenValidator(certificates.Validator, ServiceId(provider), provider.GetService<TimeProvider>()));
        if (options.Enabled)
        {
            builder.Services.AddOptions<SiloConnectionOptions>().Configure<ILoggerFactory>((connections, loggers) =>
            {
                var logger = loggers.CreateLogger(typeof(ClusterTls).FullName!);
                connections.ConfigureSiloInboundConnection(connection => connection.UseServerTls(ClusterTls.Accepting(certificates, CertificateRole.Silo, logger)));
                connections.ConfigureGatewayInboundConnection(connection => connection.UseServerTls(ClusterTls.Accepting(certificates, CertificateRole.Caller, logger)));
                connections.ConfigureSiloOutboundConnection(connection => connection.UseClientTls(ClusterTls.Opening(certificates, logger)));
            });
        }
        else
        {
            builder.Services.AddSingleton<IConfigurationValidator, PlaintextOnLoopbackValidator>();
        }

        return builder;
    }

    /// <summary>
    /// Client: TLS to the gateways (which must hold silo certificates) and this client's token on every call. The
    /// settings are read when the client is built (<paramref name="tls"/> may read options); the certificates are
    /// then registered as a <see cref="ClusterCertificates"/> singleton.
    /// </summary>
    public static IClientBuilder UseClusterSecurity(this IClientBuilder builder, Func<IServiceProvider, ClusterTlsOptions> tls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tls);
        builder.Services.AddSingleton(provider => ClusterCertificates.Load(tls(provider)));
        builder.Services.AddSingleton(provider => new CallerTokenIssuer(
            provider.GetRequiredService<ClusterCertificates>().Own,
            ServiceId(provider),
            tls(provider).TokenLifetime,
            provider.GetService<TimeProvider>()));
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, CallerTokenOutgoingFilter>();
        builder.Services.AddOptions<ClientConnectionOptions>().Configure<IServiceProvider>((connections, provider) =>
        {
            if (!tls(provider).Enabled)
            {
                return;
            }

            var certificates = provider.GetRequiredService<ClusterCertificates>();
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(ClusterTls).FullName!) ?? NullLogger.Instance;
            connections.ConfigureConnection(connection => connection.UseClientTls(ClusterTls.Opening(certificates, logger)));
        });
        return builder;
    }

    private static string ServiceId(IServiceProvider provider) => provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
}
