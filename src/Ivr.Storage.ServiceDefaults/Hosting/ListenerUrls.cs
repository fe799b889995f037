using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ivr.Storage.ServiceDefaults.Hosting;

/// <summary>Where a host will listen, read from its configuration before it starts, and whether that is loopback only.</summary>
public static class ListenerUrls
{
    /// <summary>
    /// The URLs the server binds from the host settings: <c>urls</c> (<c>Urls</c>, <c>ASPNETCORE_URLS</c>), else
    /// <c>http_ports</c>/<c>https_ports</c> (which bind every interface), else Kestrel's default <c>http://localhost:5000</c>.
    /// </summary>
    public static IReadOnlyList<string> Server(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = Split(configuration["urls"]).ToList();
        if (urls.Count == 0)
        {
            urls.AddRange(Split(configuration["http_ports"]).Select(port => $"http://*:{port}"));
            urls.AddRange(Split(configuration["https_ports"]).Select(port => $"https://*:{port}"));
        }

        return urls.Count > 0 ? urls : ["http://localhost:5000"];
    }

    /// <summary>Every URL the host will listen on: <see cref="Server"/>, <c>Kestrel:Endpoints:*:Url</c> and the management URL.</summary>
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var urls = Server(configuration).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>());
        if (ManagementPort.Url(configuration) is { } management)
        {
            urls.Add(management);
        }

        return urls;
    }

    /// <summary>True when <paramref name="url"/> binds a loopback address (<c>localhost</c>, 127.0.0.0/8, ::1) only.</summary>
    public static bool IsLoopback(string url)
    {
        var host = BindingAddress.Parse(url).Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
