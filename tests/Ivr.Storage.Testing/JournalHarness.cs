using System.Diagnostics.Metrics;
using Ivr.Storage.Contracts;
using Ivr.Storage.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Testing;

/// <summary>A journal of its own (own data source, own group-commit writer), as one silo would have.</summary>
public sealed class JournalHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private JournalHarness(ServiceProvider services)
    {
        _services = services;
        Journal = services.GetRequiredService<PostgresEntityJournal>();
    }

    public PostgresEntityJournal Journal { get; }

    /// <summary>The meter factory of this journal's instruments, for a MetricCollector that sees this journal alone.</summary>
    public IMeterFactory MeterFactory => _services.GetRequiredService<IMeterFactory>();

    /// <summary>A journal on the shared local database, or on <paramref name="connectionString"/> (e.g. a <see cref="TestDatabase"/>).</summary>
    public static async Task<JournalHarness> StartAsync(Action<JournalOptions>? configure = null, string? connectionString = null)
    {
        await TestServices.RequirePostgresAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = connectionString ?? TestServices.JournalConnectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddEntityJournal();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new JournalHarness(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    public static EntityKey NewKey() => EntityKey.Create("journal-test", Guid.NewGuid().ToString("N"));
}
