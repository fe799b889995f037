using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ivr.Storage.ServiceDefaults.Health;

/// <summary>
/// Readiness: PostgreSQL accepts a login with the host's own connection string and answers <c>SELECT 1</c>. One pooled
/// connection (a pool of its own, at most one connection, short timeouts) serves every probe, so probes never log in
/// again and again. A failure is not remembered: a connection the database dropped fails the probe and leaves the pool,
/// and the first probe after the database is back opens a new one and turns healthy.
/// </summary>
internal sealed class PostgresReadinessCheck : IHealthCheck, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresReadinessCheck(string connectionString, TimeSpan timeout)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            MinPoolSize = 0,
            MaxPoolSize = 1,
            Timeout = seconds,
            CommandTimeout = seconds,
            ApplicationName = "ivr-storage-readiness",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
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

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
