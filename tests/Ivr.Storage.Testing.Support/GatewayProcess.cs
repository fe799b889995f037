using System.Diagnostics;
using System.Globalization;

namespace Ivr.Storage.Testing;

/// <summary>
/// The HTTP gateway (client/Ivr.Storage.Gateway) as a real process on 127.0.0.1, started from its build output with
/// its own folder as content root, so it reads its appsettings files (the Development API key among them) as
/// deployed. Its settings (cluster, Redis, limits, logging) come from the caller; only the listening URL is set here.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    /// <summary>The gateway's API-key header (its ApiKeyAuthenticationHandler).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The key appsettings.Development.json accepts with scope <c>entities:admin:*</c>.</summary>
    public const string DevelopmentApiKey = "dev-only-ivr-storage-key";

    // Under faults the gateway logs a warning per retried call; keep only the tail for reports, and apart from it
    // the first errors it logged (with their exception), which a 500 answer points to.
    private const int KeptOutputLines = 200;
    private const int KeptErrors = 5;
    private const int KeptLinesPerError = 40;
    private readonly List<List<string>> _errors = [];
    private ChildProcess? _process;
    private List<string>? _currentError;

    private GatewayProcess(int port) => Port = port;

    public int Port { get; }

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    public int ProcessId => Process.Id;

    public bool HasExited => Process.HasExited;

    /// <summary>The exit code, once it exited.</summary>
    public int? ExitCode => Process.ExitCode;

    /// <summary>The last lines the gateway wrote.</summary>
    public string Output => Process.Output;

    private ChildProcess Process => _process ?? throw new InvalidOperationException("The gateway is not started.");

    /// <summary>Starts the gateway on <paramref name="port"/> with <paramref name="environment"/> on top of its appsettings.</summary>
    public static GatewayProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = TestPaths.HostAssembly("client/Ivr.Storage.Gateway");
        // The content root: appsettings.json and appsettings.Development.json are beside the assembly.
        var start = new ProcessStartInfo("dotnet", [assembly]) { WorkingDirectory = Path.GetDirectoryName(assembly)! };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Plain "Urls" outranks the "Urls" of appsettings.json (ASPNETCORE_URLS would not).
        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var gateway = new GatewayProcess(port);
        gateway._process = ChildProcess.Start(start, KeptOutputLines, gateway.CollectErrors);
        return gateway;
    }

    /// <summary>
    /// The first errors the gateway logged ("fail:" entries of the simple console format, each with its exception)
    /// since the last call; forgets them, so each scenario reports its own.
    /// </summary>
    public IReadOnlyList<string> TakeLoggedErrors()
    {
        lock (_errors)
        {
            var errors = _errors.Select(lines => string.Join('\n', lines)).ToList();
            _errors.Clear();
            _currentError = null;
            return errors;
        }
    }

    /// <summary>A client for the entity API: base address and API key set, and a timeout after which an answer counts as lost.</summary>
    public HttpClient CreateClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), MaxConnectionsPerServer = 256 };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Add(ApiKeyHeader, DevelopmentApiKey);
        return client;
    }

    /// <summary>Waits (bounded) until the gateway accepts connections.</summary>
    public Task WaitUntilListeningAsync(TimeSpan timeout) => Process.WaitForPortAsync(Port, timeout);

    /// <summary>Waits (bounded) until <c>/health/ready</c> answers 200: the gateway's client reached the cluster and its journal.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var last = "no answer";
        await Eventually.HoldsAsync(
            async () =>
            {
                if (Process.HasExited)
                {
                    throw new InvalidOperationException($"The gateway exited with code {Process.ExitCode} before it was ready:\n{Output}");
                }

                try
                {
                    using var response = await probe.GetAsync(new Uri("health/ready", UriKind.Relative));
                    last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                    last = ex.Message;
                    return false;
                }
            },
            timeout,
            () => $"the gateway on port {Port} was not ready (last answer: {last}):\n{Output}",
            TimeSpan.FromMilliseconds(250));
    }

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void CollectErrors(string line)
    {
        lock (_errors)
        {
            // An entry's first line starts in column 0; its message and exception lines are indented.
            if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            {
                _currentError = _errors.Count < KeptErrors ? [line] : null;
                if (_currentError is not null)
                {
                    _errors.Add(_currentError);
                }
            }
            else if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                _currentError = null;
            }
            else if (_currentError is { Count: < KeptLinesPerError })
            {
                _currentError.Add(line);
            }
        }
    }
}
