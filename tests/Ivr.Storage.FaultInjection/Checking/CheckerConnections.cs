using Npgsql;

namespace Ivr.Storage.FaultInjection.Checking;

/// <summary>The checker's database connections: the superuser's, never pooled.</summary>
public static class CheckerConnections
{
    /// <summary>
    /// Without pooling: a connection pooled before a database restart would fail once on first use (57P01), and
    /// the checker connects rarely.
    /// </summary>
    public static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public static async Task<NpgsqlConnection> OpenAsync(string adminConnectionString)
    {
        var connection = new NpgsqlConnection(Unpooled(adminConnectionString));
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
