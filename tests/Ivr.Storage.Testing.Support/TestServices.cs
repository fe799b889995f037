using Npgsql;
using StackExchange.Redis;

namespace Ivr.Storage.Testing;

/// <summary>
/// Connection settings of the real PostgreSQL and Redis the tests use: environment variables first
/// (deploy/local/test.sh exports them), else the env file deploy/local/services.sh writes. A test that needs a
/// service and cannot reach it fails with a message naming the service; it never skips.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> EnvFile = new(LoadEnvFile);

    public static string JournalConnectionString => Get("ConnectionStrings__Journal", "PostgreSQL (runtime role)");

    /// <summary>
    /// The runtime role's privileges without the journal's commit-time window (a member of
    /// <c>ivr_storage_clock_exempt</c>, created by deploy/local/services.sh only): for clusters whose fake clock starts
    /// in the past, whose commit times the database would otherwise refuse (migration 0008).
    /// </summary>
    public static string FakeClockJournalConnectionString => Get("ConnectionStrings__JournalFakeClock", "PostgreSQL (test role for fake clocks)");

    public static string MigrationsConnectionString => Get("ConnectionStrings__Migrations", "PostgreSQL (owner role)");

    public static string AdminConnectionString => Get("ConnectionStrings__Admin", "PostgreSQL (superuser)");

    public static string RedisConnectionString => Get("ConnectionStrings__Redis", "Redis");

    /// <summary>The local RabbitMQ as an AMQP URI with its generated user (deploy/local/rabbitmq.sh).</summary>
    public static string RabbitMqConnectionString => Get("ConnectionStrings__RabbitMq", "RabbitMQ");

    /// <summary>The local broker's Erlang node name, for rabbitmqctl (fault tests restart it).</summary>
    public static string RabbitMqNodeName => Get("IVR_RABBITMQ_NODENAME", "RabbitMQ's node name");

    /// <summary>The state dir of the local services (its rabbitmq/ holds the broker's Erlang cookie).</summary>
    public static string StorageHome => Get("IVR_STORAGE_HOME", "the local services' state dir");

    /// <summary>The development CA's certificate (deploy/local/certs.sh): Redis, PostgreSQL and the test clusters' certificates chain to it.</summary>
    public static string CaPath => Get("IVR_STORAGE_CA", "the development CA");

    /// <summary>The development CA's private key, with which the tests issue their own silo and caller certificates.</summary>
    public static string CaKeyPath => Get("IVR_STORAGE_CA_KEY", "the development CA's key");

    /// <summary>StackExchange.Redis options for <see cref="RedisConnectionString"/>, trusting the development CA for its TLS.</summary>
    public static ConfigurationOptions RedisOptions()
    {
        var authorities = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        authorities.ImportFromPemFile(CaPath);
        return Ivr.Storage.Security.Certificates.RedisTls.Options(RedisConnectionString, authorities);
    }

    /// <summary>Opens a connection to PostgreSQL with <paramref name="connectionString"/>, or fails naming the service.</summary>
    public static async Task<NpgsqlConnection> OpenPostgresAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            await connection.DisposeAsync();
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            throw new ServiceUnavailableException($"PostgreSQL is not reachable at {builder.Host}:{builder.Port} as '{builder.Username}': {ex.Message}. Start it with deploy/local/services.sh.", ex);
        }
    }

    /// <summary>Checks that PostgreSQL answers and the migrations ran, or fails naming what is missing.</summary>
    public static async Task RequirePostgresAsync()
    {
        await using var connection = await OpenPostgresAsync(JournalConnectionString);
        await using var command = new NpgsqlCommand("SELECT to_regclass('ivr.journal') IS NOT NULL", connection);
        if (await command.ExecuteScalarAsync() is not true)
        {
            throw new ServiceUnavailableException("PostgreSQL is up but the journal table ivr.journal is missing: run deploy/local/services.sh (it applies the migrations).");
        }
    }

    /// <summary>Checks that Redis answers PING, or fails naming it.</summary>
    public static async Task RequireRedisAsync()
    {
        var options = RedisOptions();
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
        }
        catch (RedisException ex)
        {
            throw new ServiceUnavailableException($"Redis is not reachable at {RedisConnectionString}: {ex.Message}. Start it with deploy/local/services.sh.", ex);
        }
    }

    private static string Get(string name, string service)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            EnvFile.Value.TryGetValue(name, out value);
        }

        return string.IsNullOrEmpty(value)
            ? throw new ServiceUnavailableException($"{service}: {name} is not set and no env file was found ({string.Join(", ", EnvFileCandidates())}). Run deploy/local/services.sh, or the tests through deploy/local/test.sh.")
            : value;
    }

    private static IEnumerable<string> EnvFileCandidates()
    {
        if (Environment.GetEnvironmentVariable("IVR_STORAGE_HOME") is { Length: > 0 } home)
        {
            yield return Path.Combine(home, "ivr-storage.env");
        }

        yield return "/var/lib/ivr-storage/ivr-storage.env";
        var data = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        yield return Path.Combine(data, "ivr-storage", "ivr-storage.env");
    }

    private static IReadOnlyDictionary<string, string> LoadEnvFile()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = EnvFileCandidates().FirstOrDefault(File.Exists);
        if (file is null)
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(file))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && !line.StartsWith('#'))
            {
                values[line[..separator].Trim()] = line[(separator + 1)..].Trim().Trim('"', '\'');
            }
        }

        return values;
    }
}
