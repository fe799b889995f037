using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ivr.Storage.Journal;

/// <summary>The silo's one Npgsql data source (connection pool) for the journal.</summary>
public sealed class JournalDataSource : IAsyncDisposable
{
    public JournalDataSource(IOptions<JournalOptions> options, IConfiguration configuration)
    {
        var connectionString = options.Value.ConnectionString ?? configuration.GetConnectionString("Journal")
            ?? throw new InvalidOperationException("No journal connection string: set ConnectionStrings:Journal (environment variable ConnectionStrings__Journal).");
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // The journal runs a handful of fixed statements: let Npgsql prepare them on the server.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        DataSource = builder.Build();
        if (options.Value.HistoryFromStandbys && DataSource is NpgsqlMultiHostDataSource hosts)
        {
            Standbys = hosts.WithTargetSession(TargetSessionAttributes.PreferStandby);
        }
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// The same hosts, preferring a standby (<see cref="JournalOptions.HistoryFromStandbys"/>), or null: a single host,
    /// or the option off. Shares <see cref="DataSource"/>'s pools.
    /// </summary>
    public NpgsqlDataSource? Standbys { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
