using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ivr.Storage.ServiceDefaults.Hosting;

/// <summary>
/// The management listener (<see cref="ServiceDefaultsExtensions.ManagementUrlKey"/>): when set, the probes and
/// <c>/metrics</c> are served there and only there, and nothing else is. The port a request arrived on is the
/// connection's local port, which a client cannot choose (a <c>Host</c> header, which <c>RequireHost</c> matches, it can).
/// </summary>
public static class ManagementPort
{
    /// <summary>The configured management URL, or null when probes and metrics share the host's listener.</summary>
    public static string? Url(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ServiceDefaultsExtensions.ManagementUrlKey] is { Length: > 0 } url ? url : null;
    }

    /// <summary>The port of <see cref="Url"/>; a fixed one, because requests are told apart by it.</summary>
    /// <exception cref="InvalidOperationException">The URL has no fixed port.</exception>
    public static int? Port(IConfiguration configuration)
    {
        if (Url(configuration) is not { } url)
        {
            return null;
        }

        var port = BindingAddress.Parse(url).Port;
        return port > 0
            ? port
            : throw new InvalidOperationException($"{ServiceDefaultsExtensions.ManagementUrlKey} '{url}' needs a fixed port (requests are told apart by the port they arrive on).");
    }

    /// <summary>The paths served on the management port: liveness, readiness and the Prometheus scrape.</summary>
    public static bool IsManagementPath(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ServiceDefaultsExtensions.ReadinessPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ServiceDefaultsExtensions.MetricsPath, StringComparison.OrdinalIgnoreCase);
}
