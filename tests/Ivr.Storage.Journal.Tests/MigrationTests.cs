using Ivr.Storage.Journal.Schema;
using Ivr.Storage.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task migrating_a_fresh_database_applies_every_script_once_and_a_second_run_changes_nothing()
    {
        var database = "ivr_migration_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString))
        {
            await new NpgsqlCommand($"CREATE DATABASE {database} OWNER ivr_storage_owner", admin).ExecuteNonQueryAsync();
        }

        try
        {
            var owner = new NpgsqlConnectionStringBuilder(TestServices.MigrationsConnectionString) { Database = database, Pooling = false }.ConnectionString;
            var migrator = new DatabaseMigrator(NullLogger<DatabaseMigrator>.Instance);

            var first = migrator.Migrate(owner);
            var second = migrator.Migrate(owner);

            Assert.Equal(DatabaseMigrator.ShippedMigrations, first);
            Assert.Empty(second);
            await using var connection = await TestServices.OpenPostgresAsync(owner);
            var history = (long)(await new NpgsqlCommand($"SELECT count(*) FROM public.{DatabaseMigrator.HistoryTable}", connection).ExecuteScalarAsync())!;
            Assert.Equal(DatabaseMigrator.ShippedMigrations.Count, history);
            Assert.Equal(true, await new NpgsqlCommand("SELECT to_regclass('ivr.journal') IS NOT NULL AND to_regclass('public.orleansstorage') IS NOT NULL", connection).ExecuteScalarAsync());
        }
        finally
        {
            await using var admin = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void the_orleans_scripts_come_first_and_carry_their_licence()
    {
        Assert.Contains(DatabaseMigrator.ShippedMigrations, name => name.EndsWith("0001_orleans_main.sql", StringComparison.Ordinal));
        using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(DatabaseMigrator.ShippedMigrations[0])!;
        var text = new StreamReader(stream).ReadToEnd();
        Assert.Contains("MIT License", text, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE OrleansQuery", text, StringComparison.Ordinal);
    }
}
