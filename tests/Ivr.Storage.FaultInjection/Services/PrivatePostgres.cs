using System.Globalization;
using System.Security.Cryptography;
using Ivr.Storage.Journal.Schema;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Storage.FaultInjection.Services;

/// <summary>
/// A PostgreSQL cluster of the suite's own: initdb into a temporary directory (as user postgres when run as root),
/// a free port on 127.0.0.1 only, the roles and database of deploy/local/roles.sql, every migration. The shared
/// local cluster (55432) is never touched, so it can be restarted under load while other test projects run.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Database = "ivr_storage";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _root;
    private readonly string _bin;
    private readonly string _superuserPassword = Secret();
    private readonly string _ownerPassword = Secret();
    private readonly string _appPassword = Secret();
    private readonly Lock _gate = new();
    private Task? _restart;
    private bool _disposed;

    private PrivatePostgres(string root, string bin, int port)
    {
        _root = root;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "postgresql.log");

    /// <summary>The superuser on the entity database: the checker reads the journal with it.</summary>
    public string AdminConnectionString => Connection("postgres", _superuserPassword);

    /// <summary>The owner role (migrations).</summary>
    public string OwnerConnectionString => Connection("ivr_storage_owner", _ownerPassword);

    /// <summary>The runtime role silos log in as.</summary>
    public string AppConnectionString => Connection("ivr_storage_app", _appPassword);

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = BinDirectory();
        var root = Directory.CreateTempSubdirectory("ivr-fault-pg-").FullName;
        var server = new PrivatePostgres(root, bin, FreePorts.Any());
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is cut, the server is back when this returns.</summary>
    public Task RestartFastAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _restart = RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-m", "fast", "restart"]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? restart;
        lock (_gate)
        {
            _disposed = true;
            restart = _restart;
        }

        // A restart still running (the suite was interrupted during it) would start the server again after the stop below.
        if (restart is not null)
        {
            try
            {
                await restart;
            }
            catch (InvalidOperationException)
            {
            }
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "-t", "30", "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                KillPostmaster();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; a failing dispose would hide the test's own result.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task InitializeAsync()
    {
        var asRoot = Environment.UserName == "root";
        var passwordFile = Path.Combine(_root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, _superuserPassword + "\n");
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to postgres, and so does its directory
            // (created with mode 0700 by CreateTempSubdirectory, so nobody else can read the password file).
            await ChildProcess.RunAsync("chown", ["-R", "postgres:postgres", _root], CommandTimeout);
        }

        await RunAsPostgresAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", $"--pwfile={passwordFile}", "--auth-local=peer", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"]);
        File.Delete(passwordFile);
        // No Unix socket at all: TCP on 127.0.0.1 only. pg_ctl -w watches postmaster.pid, not a connection.
        var settings = string.Create(CultureInfo.InvariantCulture, $"""

            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = ''
            max_connections = 300
            """);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings);
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "start"]);
        await CreateRolesAndDatabaseAsync();
        new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).Migrate(OwnerConnectionString);
    }

    // The same roles as deploy/local/roles.sql; the cluster is brand new, so nothing needs checking first.
    private async Task CreateRolesAndDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        string[] statements =
        [
            "CREATE ROLE ivr_storage_writer NOLOGIN",
            "CREATE ROLE ivr_storage_clock_exempt NOLOGIN",
            $"CREATE ROLE ivr_storage_owner LOGIN PASSWORD '{_ownerPassword}'",
            $"CREATE ROLE ivr_storage_app LOGIN PASSWORD '{_appPassword}'",
            "GRANT ivr_storage_writer TO ivr_storage_app",
            $"CREATE DATABASE {Database} OWNER ivr_storage_owner",
            $"REVOKE CONNECT, TEMPORARY ON DATABASE {Database} FROM PUBLIC",
            $"GRANT CONNECT ON DATABASE {Database} TO ivr_storage_writer",
            $"ALTER DATABASE {Database} SET idle_in_transaction_session_timeout = '1min'",
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Runs a PostgreSQL tool (bounded); as root, as user postgres (runuser), since PostgreSQL refuses to run as root.
    /// From / : postgres may not be allowed to read the caller's working directory.
    /// </summary>
    private static Task<string> RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? ChildProcess.RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments], CommandTimeout, workingDirectory: "/")
            : ChildProcess.RunAsync(tool, arguments, CommandTimeout, workingDirectory: "/");

    private string Connection(string user, string password) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = Database, Username = user, Password = password }.ConnectionString;

    private void KillPostmaster()
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First();
            PosixSignals.Send(int.Parse(firstLine, CultureInfo.InvariantCulture), PosixSignals.Sigkill);
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException)
        {
            // Already gone.
        }
    }

    // Hex only: safe inside SQL literals and connection strings without quoting.
    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Debian installs PostgreSQL side by side per major version; take the newest (as deploy/local/lib.sh does).</summary>
    private static string BinDirectory()
    {
        var root = new DirectoryInfo("/usr/lib/postgresql");
        var bin = root.Exists
            ? root.GetDirectories()
                .Select(d => Path.Combine(d.FullName, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql/*/bin: run deploy/local/services.sh (it installs the packages).");
    }
}
