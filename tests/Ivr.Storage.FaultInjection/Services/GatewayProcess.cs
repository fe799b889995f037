using System.Diagnostics;
using System.Globalization;
using Ivr.Storage.Testing;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>
/// The HTTP gateway (client/Ivr.Storage.Gateway) as a real process on 127.0.0.1, started from its build output with
/// its own folder as content root, so it reads its appsettings files (the Development API key among them) as
/// deployed. It is a client of the cluster: faults of silos, PostgreSQL or Redis must never stop it.
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
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<List<string>> _errors = [];
    private List<string>? _currentError;

    private GatewayProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The last lines the gateway wrote.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// The first errors the gateway logged ("fail:" entries of the simple console format, each with its exception)
    /// since the last call; forgets them, so each scenario reports its own.
    /// </summary>
    public IReadOnlyList<string> TakeLoggedErrors()
    {
        lock (_output)
        {
            var errors = _errors.Select(lines => string.Join('\n', lines)).ToList();
            _errors.Clear();
            _currentError = null;
            return errors;
        }
    }

    /// <summary>Starts the gateway on <paramref name="port"/> with <paramref name="environment"/> on top of its appsettings.</summary>
    public static GatewayProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var assembly = TestPaths.HostAssembly("client/Ivr.Storage.Gateway");
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root: appsettings.json and appsettings.Development.json are beside the assembly.
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        // Plain "Urls" outranks the "Urls" of appsettings.json (ASPNETCORE_URLS would not).
        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the gateway process.");
        return new GatewayProcess(process, port);
    }

    /// <summary>A client for the entity API: base address and API key set, and a timeout after which an answer counts as lost.</summary>
    public HttpClient CreateClient(TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), MaxConnectionsPerServer = 256 };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Add(ApiKeyHeader, DevelopmentApiKey);
        return client;
    }

    /// <summary>Waits (bounded) until <c>/health/ready</c> answers 200: the gateway's client reached the cluster and its journal.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited with code {_process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway on port {Port} was not ready within {timeout}:\n{Output}");
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }

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
