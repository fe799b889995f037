using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

/// <summary>Keeps group-commit statements in flight: their INSERTs wait for a table lock the test holds.</summary>
internal static class JournalTableLock
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(10);

    /// <summary>A connection whose open transaction holds a lock that INSERTs wait for; disposing it ends the transaction and releases them.</summary>
    public static async Task<NpgsqlConnection> HoldAsync(TestDatabase database)
    {
        var connection = await TestServices.OpenPostgresAsync(database.OwnerConnectionString);
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE ivr.journal IN SHARE MODE", connection, transaction).ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Waits (bounded) until <paramref name="expected"/> group-commit INSERTs wait for the lock: they reached the server.</summary>
    public static Task WaitForBlockedInsertsAsync(TestDatabase database, int expected) =>
        Eventually.HoldsAsync(
            async () => await BlockedInsertsAsync(database) >= expected,
            WaitBound,
            () => $"{expected} group-commit statements waiting for the table lock",
            TimeSpan.FromMilliseconds(50));

    /// <summary>Group-commit INSERTs waiting for the lock now.</summary>
    public static async Task<long> BlockedInsertsAsync(TestDatabase database)
    {
        // As the administrator: other roles' activity (the writer's) is hidden from the owner role.
        await using var connection = await TestServices.OpenPostgresAsync(TestServices.AdminConnectionString);
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO ivr.journal%'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
