using System.Globalization;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Services;

public sealed partial class FaultCluster
{
    private static readonly TimeSpan GatewayStartTimeout = TimeSpan.FromSeconds(90);
    private GatewayProcess? _gateway;
    private HttpClient? _gatewayHttp;

    /// <summary>The HTTP gateway process the workload's HTTP callers use.</summary>
    public GatewayProcess Gateway => _gateway ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>
    /// The HTTP client of the gateway: its base address and API key. Its timeout (the gateway's own retries plus
    /// slack) is when an HTTP write without an answer counts as unknown.
    /// </summary>
    public HttpClient GatewayHttp => _gatewayHttp ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>
    /// Starts the gateway again (same port, so <see cref="GatewayHttp"/> stays valid) if it exited; a scenario
    /// during which it exited has already reported that as a violation.
    /// </summary>
    public async Task EnsureGatewayAsync()
    {
        if (_gateway is { HasExited: true } exited)
        {
            Log($"the gateway had exited with code {exited.ExitCode}; starting it again");
            await exited.DisposeAsync();
            _gateway = null;
            await StartGatewayAsync(exited.Port);
        }
    }

    private async Task StartGatewayAsync(int port)
    {
        ObjectDisposedException.ThrowIf(_closing, this);
        _gateway = GatewayProcess.Start(port, GatewayEnvironment());
        _gatewayHttp ??= _gateway.CreateClient(TimeSpan.FromSeconds(15));
        await _gateway.WaitUntilReadyAsync(GatewayStartTimeout);
    }

    /// <summary>Stops the gateway, if one runs.</summary>
    private async Task DisposeGatewayAsync()
    {
        _gatewayHttp?.Dispose();
        if (_gateway is { } gateway)
        {
            _gateway = null;
            await gateway.DisposeAsync();
        }
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            // Development: the gateway's appsettings.Development.json holds the dev API key the workload presents.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["IvrStorage__ClusterId"] = ClusterId,
            ["IvrStorage__ServiceId"] = ServiceId,
            ["IvrStorage__RedisConnectionString"] = Redis.ConnectionString,
            ["IvrStorage__Source"] = "fault-injection-gateway",
            // Like the suite's own client: an unanswered grain call is a timeout after 3 s, new silos are found within 2 s.
            ["IvrStorage__ResponseTimeout"] = FormatTime(_options.ResponseTimeout),
            ["IvrStorage__GatewayListRefreshPeriod"] = "00:00:02",
            // Retries included, the gateway answers (503 at worst) before the workload's HTTP timeout of 15 s.
            ["IvrStorage__Resilience__TotalTimeout"] = "00:00:10",
            // One caller (the dev key) sends the whole load: per-caller rate limits would only answer 429.
            ["Gateway__WritesPerMinute"] = "100000000",
            ["Gateway__ReadsPerMinute"] = "100000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Format"] = "simple",
        };
        // The gateway is an Orleans caller like any other: over mutual TLS, with a certificate of the cluster's CA.
        foreach (var (name, value) in TestCertificates.ClientEnvironment(TestCertificates.Shared.Caller()))
        {
            environment[name] = value!;
        }

        return environment;
    }

    private static string FormatTime(TimeSpan time) => time.ToString("c", CultureInfo.InvariantCulture);
}
