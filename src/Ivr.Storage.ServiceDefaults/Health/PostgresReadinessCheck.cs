using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ivr.Storage.ServiceDefaults.Health;

/// <summary>
/// Readiness: PostgreSQL accepts a login with the host's own connection string and answers <c>SELECT 1</c>.
/// Every probe opens a fresh, unpooled connection with a short timeout, so a failure is never remembered: the check
/// turns healthy again with the first probe after the database is back.
/// </summary>
internal sealed class PostgresReadinessCheck : IHealthCheck
{
    private readonly string _connectionString;

    public PostgresReadinessCheck(string connectionString, TimeSpan timeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
            ApplicationName = "ivr-storage-readiness",
        };
        _connectionString = builder.ConnectionString;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or IOException
            || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A probe cancelled by its time limit is an answer too: not ready.
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL does not answer.", ex);
        }
    }
}
