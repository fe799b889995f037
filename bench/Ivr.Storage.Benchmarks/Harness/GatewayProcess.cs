using System.Diagnostics;
using Ivr.Storage.Testing;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>The real HTTP gateway process, joined to the bench cluster, with the development API key and no practical rate limit.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    /// <summary>The development key of appsettings.Development.json (documented in the gateway's .http file).</summary>
    public const string DevelopmentApiKey = "dev-only-ivr-storage-key";

    private readonly Process _process;

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<GatewayProcess> StartAsync(string clusterId, bool tls)
    {
        var port = FreePorts.Any();
        var url = $"http://127.0.0.1:{port}";
        var assembly = TestPaths.HostAssembly("client/Ivr.Storage.Gateway");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            UseShellExecute = false,
            // The content root: the gateway reads its appsettings files (the development key) from beside the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = url;
        start.Environment["IvrStorage__ClusterId"] = clusterId;
        start.Environment["IvrStorage__ServiceId"] = Silo.BenchSiloHost.ServiceId;
        foreach (var (name, value) in TestCertificates.ClientEnvironment(TestCertificates.Shared.Caller(tls: tls)))
        {
            start.Environment[name] = value;
        }

        start.Environment["IvrStorage__RedisConnectionString"] = TestServices.RedisConnectionString;
        start.Environment["Gateway__WritesPerMinute"] = "100000000";
        start.Environment["Gateway__ReadsPerMinute"] = "100000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        await BenchSession.WaitForPortAsync(process, port);
        return new GatewayProcess(process, new Uri(url));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
