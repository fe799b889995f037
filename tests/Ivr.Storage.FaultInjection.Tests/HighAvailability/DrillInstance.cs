using System.Globalization;
using Ivr.Storage.Testing;
using Ivr.Storage.Testing.HighAvailability;
using Npgsql;

namespace Ivr.Storage.FaultInjection.Tests.HighAvailability;

/// <summary>
/// A fresh PostgreSQL restored by pgBackRest from the HA repository to a point in time, on a free port, without archiving
/// (its new timeline must never reach the cluster's repository). Removed on dispose.
/// </summary>
internal sealed class DrillInstance : IAsyncDisposable
{
    private readonly string _directory;
    private readonly int _port;
    private readonly string _password;

    private DrillInstance(string directory, int port, string password)
    {
        _directory = directory;
        _port = port;
        _password = password;
    }

    public static async Task<DrillInstance> RestoreAsync(HaCluster ha, string primary, DateTime target, TimeSpan bound)
    {
        var haHome = ha.Home;
        var directory = Path.Combine(haHome, "drill-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePorts.Any();
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin";
        Directory.CreateDirectory(directory);
        await ChildProcess.RunAsync("chown", ["postgres:postgres", directory], bound);
        await AsPostgresAsync(bound, "pgbackrest", $"--config={Path.Combine(haHome, primary, "pgbackrest.conf")}", "--stanza=ivr-storage",
            $"--pg1-path={directory}/data", "--type=time", $"--target={target.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00",
            "--target-action=promote", "restore");
        var instance = new DrillInstance(directory, port, new NpgsqlConnectionStringBuilder(ha.AdminConnectionString).Password!);
        await AsPostgresAsync(bound, $"{bin}/pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/postgresql.log", "-w", "-t", "120",
            "-o", $"-c port={port} -c archive_mode=off -c unix_socket_directories={directory} -c listen_addresses=127.0.0.1", "start");
        Assert.True(await Eventually.TryAsync(instance.IsPromotedAsync, bound), $"the drill instance did not finish recovery; log: {directory}/postgresql.log");
        return instance;
    }

    /// <summary>(entity id, version, hash) of every journal row of <paramref name="type"/>.</summary>
    public async Task<List<(string Id, long Version, string Hash)>> ReadJournalAsync(string type)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("ivr_storage"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT entity_id, version, hash FROM ivr.journal WHERE entity_type = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
        var rows = new List<(string, long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), Convert.ToHexString((byte[])reader[2])));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin";
        await AsPostgresAsync(TimeSpan.FromMinutes(1), $"{bin}/pg_ctl", "-D", $"{_directory}/data", "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> IsPromotedAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", connection);
            return await command.ExecuteScalarAsync() is true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Database = database, Username = "postgres", Password = _password, Pooling = false, SslMode = SslMode.Prefer }.ConnectionString;

    private static Task<string> AsPostgresAsync(TimeSpan bound, params string[] command) =>
        ChildProcess.RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", .. command], bound, "/");
}
