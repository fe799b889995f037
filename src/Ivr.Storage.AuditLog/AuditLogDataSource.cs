using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ivr.Storage.AuditLog;

/// <summary>The silo's connection pool for the transparency log, apart from the journal's so the log never takes a write's connection.</summary>
public sealed class AuditLogDataSource : IAsyncDisposable
{
    public AuditLogDataSource(IOptions<AuditLogOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connectionString = options.Value.ConnectionString
            ?? configuration.GetConnectionString("AuditLog")
            ?? configuration.GetConnectionString("Journal")
            ?? throw new InvalidOperationException("No audit log connection string: set ConnectionStrings:AuditLog or ConnectionStrings:Journal.");
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
