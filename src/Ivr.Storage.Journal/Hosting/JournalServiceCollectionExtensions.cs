using Ivr.Storage.Journal;
using Ivr.Storage.Journal.Feed;
using Ivr.Storage.Journal.Schema;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the entity journal.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>Adds the PostgreSQL entity journal, bound to configuration section <c>Journal</c>.</summary>
    public static IServiceCollection AddEntityJournal(this IServiceCollection services)
    {
        services.AddOptions<JournalOptions>().BindConfiguration(JournalOptions.SectionName)
            .Validate(
                options => options.MaxPagePayloadBytes > 0 && options.FeedScanLimit > 0 && options.MaxQueuedAppends > 0 && options.MaxQueuedBytes > 0,
                "Journal:MaxPagePayloadBytes, FeedScanLimit, MaxQueuedAppends and MaxQueuedBytes must be positive.");
        services.AddMetrics();
        services.AddSingleton<JournalMetrics>();
        services.AddSingleton<JournalDataSource>();
        services.AddSingleton<PostgresEntityJournal>();
        services.AddSingleton<IEntityJournal>(sp => sp.GetRequiredService<PostgresEntityJournal>());
        services.AddSingleton<IChangeFeedSource>(sp => sp.GetRequiredService<PostgresEntityJournal>());
        services.AddSingleton<ICausationSource>(sp => sp.GetRequiredService<PostgresEntityJournal>());
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
