using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Journal.Tests;

/// <summary>Keeps group-commit statements in flight: their INSERTs wait for a table lock the test holds.</summary>
internal static class JournalTableLock
{
    /// <summary>A connection whose open transaction holds a lock that INSERTs wait for; disposing it ends the transaction and releases them.</summary>
    public static async Task<NpgsqlConnection> HoldAsync(TestDatabase database)
    {
        var connection = await TestServices.OpenPostgresAsync(database.OwnerConnectionString);
        var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("LOCK TABLE ivr.journal IN SHARE MODE", connection, transaction).ExecuteNonQueryAsync();
        return connection;
    }
}
