using Ivr.Storage.Journal.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Storage.Testing;

/// <summary>
/// A database of its own, migrated like production and dropped afterwards: the journal is append-only, so the only
/// clean way to remove data written for a test or a benchmark is to remove its database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name, string journal, string owner)
    {
        Name = name;
        JournalConnectionString = journal;
        OwnerConnectionString = owner;
    }

    /// <summary>The database's name, unique per instance.</summary>
    public string Name { get; }

    /// <summary>Runtime role, as silos connect (or the fake-clock test role, see <see cref="CreateAsync"/>).</summary>
    public string JournalConnectionString { get; }

    /// <summary>Owner role (the migrations' role).</summary>
    public string OwnerConnectionString { get; }

    /// <summary>
    /// Creates <c>{prefix}_{random}</c> owned by the owner role and applies every migration. With
    /// <paramref name="fakeClock"/>, <see cref="JournalConnectionString"/> logs in as the test role that may stamp any
    /// commit time (<see cref="TestServices.FakeClockJournalConnectionString"/>), for clusters that run a fake clock.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string prefix, int maxPoolSize = 64, bool fakeClock = false)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await using (var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString))
        {
            await new NpgsqlCommand($"CREATE DATABASE {name} OWNER ivr_storage_owner", admin).ExecuteNonQueryAsync();
        }

        var owner = new NpgsqlConnectionStringBuilder(TestServices.MigrationsConnectionString) { Database = name, MaxAutoPrepare = 16, MaxPoolSize = maxPoolSize + 16 }.ConnectionString;
        new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance).Migrate(owner);
        var runtime = fakeClock ? TestServices.FakeClockJournalConnectionString : TestServices.JournalConnectionString;
        var journal = new NpgsqlConnectionStringBuilder(runtime) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString;
        return new TestDatabase(name, journal, owner);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
