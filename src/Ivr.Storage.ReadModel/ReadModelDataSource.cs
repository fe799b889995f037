using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ivr.Storage.ReadModel;

/// <summary>The silo's connection pool for the read model, separate from the journal's so queries never starve writes.</summary>
public sealed class ReadModelDataSource : IAsyncDisposable
{
    public ReadModelDataSource(IOptions<ReadModelOptions> options, IConfiguration configuration)
    {
        var connectionString = options.Value.ConnectionString
            ?? configuration.GetConnectionString("ReadModel")
            ?? configuration.GetConnectionString("Journal")
            ?? throw new InvalidOperationException("No read model connection string: set ConnectionStrings:ReadModel or ConnectionStrings:Journal.");
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
