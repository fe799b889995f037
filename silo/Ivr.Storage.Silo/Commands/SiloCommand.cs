using Ivr.Storage.Silo.Dashboard;
using Ivr.Storage.ServiceDefaults.Hosting;
using Ivr.Storage.Silo.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Configuration;

namespace Ivr.Storage.Silo.Commands;

/// <summary>The default command: runs one silo until SIGINT/SIGTERM, then shuts down gracefully.</summary>
internal static class SiloCommand
{
    public static async Task<int> RunAsync(string[] args, int instance)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.AddIvrStorageSilo(new IvrStorageSiloOptions { PortOffset = instance });
        var httpUrl = OffsetPort(builder.Configuration["Http:Url"] ?? "http://127.0.0.1:8080", instance);
        builder.WebHost.UseUrls(httpUrl);
        if (ManagementPort.Url(builder.Configuration) is { } managementUrl)
        {
            // Probes and /metrics on their own port (the service defaults bind it), offset like the others.
            builder.Configuration[ServiceDefaultsExtensions.ManagementUrlKey] = OffsetPort(managementUrl, instance);
        }

        var dashboard = builder.AddDashboardSecurity(httpUrl);
        builder.UseOrleans(silo => silo.AddDashboard(options => builder.Configuration.GetSection(DashboardSettings.SectionName).Bind(options)));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapDashboard(dashboard);

        await app.StartAsync();
        // The options in effect: on Kubernetes the cluster id comes from the pod's labels, not from Orleans:ClusterId.
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        app.Logger.LogInformation(
            "IVR.Storage silo of cluster {ClusterId}: silo port {SiloPort}, gateway port {GatewayPort}, HTTP {HttpUrl} (dashboard {DashboardPath}, {ReadinessPath}, {AlivePath}, {MetricsPath})",
            cluster.ClusterId, settings.SiloPort, settings.GatewayPort, httpUrl.TrimEnd('/'), dashboard.Path, ServiceDefaultsExtensions.ReadinessPath, ServiceDefaultsExtensions.AlivePath, ServiceDefaultsExtensions.MetricsPath);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string OffsetPort(string url, int instance)
    {
        var uri = new UriBuilder(url);
        uri.Port += instance;
        return uri.Uri.ToString();
    }
}
