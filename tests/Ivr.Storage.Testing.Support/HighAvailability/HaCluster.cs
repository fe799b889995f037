using System.Diagnostics;

namespace Ivr.Storage.Testing.HighAvailability;

/// <summary>
/// The local HA topology of deploy/local/ha.sh (etcd, three Patroni-managed PostgreSQL members): started (idempotently)
/// by the script itself, so the tests exercise what a newcomer runs; its settings from the env file the script writes.
/// A test that needs it and cannot start it fails naming the script's output; it never skips.
/// </summary>
public sealed class HaCluster
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private readonly IReadOnlyDictionary<string, string> _env;

    private HaCluster(string home, IReadOnlyDictionary<string, string> env)
    {
        Home = home;
        _env = env;
        RestPorts = Get("IVR_HA_REST_PORTS").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        Members = Enumerable.Range(1, RestPorts.Count).Select(i => $"m{i}").ToArray();
    }

    /// <summary>The HA state directory (members' data, run and log directories).</summary>
    public string Home { get; }

    /// <summary>Member names, m1..m3, in the order of <see cref="RestPorts"/>.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Patroni REST ports of the members.</summary>
    public IReadOnlyList<int> RestPorts { get; }

    /// <summary>PostgreSQL ports of the members, in the order of <see cref="Members"/>.</summary>
    public IReadOnlyList<int> PgPorts => Get("IVR_HA_PG_PORTS").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    /// <summary>The superuser's connection string to <paramref name="member"/> alone, whatever its role.</summary>
    public string AdminConnectionStringOf(string member) =>
        new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Host = "127.0.0.1",
            Port = PgPorts[Members.ToList().IndexOf(member)],
            TargetSessionAttributes = "any",
            Pooling = false,
        }.ConnectionString;

    /// <summary>Multi-host connection string of the runtime role (Target Session Attributes=primary).</summary>
    public string JournalConnectionString => Get("ConnectionStrings__Journal");

    /// <summary>Multi-host connection string of the superuser.</summary>
    public string AdminConnectionString => Get("ConnectionStrings__Admin");

    /// <summary>
    /// One value of <paramref name="sql"/>, run as the superuser on whichever member is primary now (a connection of its
    /// own, not pooled: each call finds the primary afresh, so it follows a failover).
    /// </summary>
    public async Task<T> AdminScalarAsync<T>(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <c>deploy/local/ha.sh start</c> (idempotent: starts what is missing, rejoins a member that died).</summary>
    public static async Task<HaCluster> StartAsync()
    {
        await RunScriptAsync("start");
        var home = Path.Combine(StateDirectory(), "ha");
        return new HaCluster(home, ReadEnvFile(Path.Combine(home, "ivr-storage.env")));
    }

    /// <summary>
    /// <c>deploy/local/ha.sh destroy</c>, then <c>start</c>: a new cluster whose timelines and archive hold nothing of an
    /// earlier run's failovers, so a scenario's outcome does not depend on what ran on this machine before.
    /// </summary>
    public static async Task<HaCluster> StartFreshAsync()
    {
        await RunScriptAsync("destroy");
        return await StartAsync();
    }

    private static async Task RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["deploy/local/ha.sh", command]) { WorkingDirectory = TestPaths.RepositoryRoot };
        // The tests run after the Release build: migrate with the built silo instead of building it again.
        start.Environment["IVR_SKIP_BUILD"] = TestPaths.Configuration == "Release" ? "1" : "0";
        await using var script = ChildProcess.Start(start, keptLines: 400);
        int exitCode;
        try
        {
            exitCode = await script.WaitForExitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new ServiceUnavailableException($"deploy/local/ha.sh {command} did not finish within {StartTimeout}:\n{script.Output}");
        }

        if (exitCode != 0)
        {
            throw new ServiceUnavailableException($"deploy/local/ha.sh {command} failed ({exitCode}); patroni, etcd-server and pgbackrest come from apt:\n{script.Output}");
        }
    }

    /// <summary>The member whose Patroni REST API answers 200 on <paramref name="path"/> (<c>/primary</c>, <c>/sync</c>), or null.</summary>
    public async Task<string?> MemberAnsweringAsync(string path)
    {
        foreach (var member in Members)
        {
            if (await AnswersAsync(member, path))
            {
                return member;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="member"/>'s Patroni REST API answers 200 on <paramref name="path"/> (<c>/replica</c>: a running, streaming standby).</summary>
    public async Task<bool> AnswersAsync(string member, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{RestPorts[Members.ToList().IndexOf(member)]}{path}"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false; // a stopped or paused member
        }
    }

    /// <summary>Waits (bounded) until a member answers 200 on <paramref name="path"/> and satisfies <paramref name="accept"/>.</summary>
    public async Task<string> WaitForMemberAsync(string path, TimeSpan timeout, Func<string, bool>? accept = null)
    {
        string? member = null;
        var found = await Eventually.TryAsync(
            async () => (member = await MemberAnsweringAsync(path)) is { } m && (accept?.Invoke(m) ?? true),
            timeout,
            TimeSpan.FromMilliseconds(250));
        return found ? member! : throw new TimeoutException($"No member answered {path} within {timeout} (last: {member ?? "none"}).");
    }

    /// <summary>The processes of a member: its PostgreSQL (postmaster and children) and its Patroni.</summary>
    public HaMemberProcesses Processes(string member) => new(Home, member);

    private string Get(string name) =>
        _env.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ServiceUnavailableException($"{name} is missing from {Home}/ivr-storage.env: rerun deploy/local/ha.sh start.");

    private static string StateDirectory() =>
        Environment.GetEnvironmentVariable("IVR_STORAGE_HOME") is { Length: > 0 } home ? home : "/var/lib/ivr-storage";

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && !line.StartsWith('#'))
            {
                values[line[..separator]] = line[(separator + 1)..];
            }
        }

        return values;
    }
}
