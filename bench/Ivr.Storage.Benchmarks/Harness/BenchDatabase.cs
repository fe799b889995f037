using Ivr.Storage.Journal.Schema;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Storage.Benchmarks.Harness;

/// <summary>
/// A database of the harness's own, migrated like production and dropped afterwards: the journal is append-only,
/// so the only clean way to remove benchmark data is to remove its database.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _name;

    private BenchDatabase(string name, string journal, string owner)
    {
        _name = name;
        JournalConnectionString = journal;
        OwnerConnectionString = owner;
    }

    /// <summary>The database's name (one per run).</summary>
    public string Name => _name;

    /// <summary>Runtime role, as the silo connects.</summary>
    public string JournalConnectionString { get; }

    /// <summary>Owner role: creates and writes the raw baseline table.</summary>
    public string OwnerConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync()
    {
        // A name per run, so a benchmark and a CI run on the same machine never share (or drop) each other's data.
        var name = "ivr_storage_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString))
        {
            await new NpgsqlCommand($"CREATE DATABASE {name} OWNER ivr_storage_owner", admin).ExecuteNonQueryAsync();
        }

        var owner = new NpgsqlConnectionStringBuilder(TestServices.MigrationsConnectionString) { Database = name, MaxAutoPrepare = 16, MaxPoolSize = 80 }.ConnectionString;
        new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).Migrate(owner);
        var journal = new NpgsqlConnectionStringBuilder(TestServices.JournalConnectionString) { Database = name, MaxPoolSize = 64 }.ConnectionString;
        return new BenchDatabase(name, journal, owner);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
