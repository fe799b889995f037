using Ivr.Storage.Grains;
using Ivr.Storage.Grains.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

/// <summary>Adds IVR.Storage's grains and their services to a silo.</summary>
public static class EntityStoreSiloBuilderExtensions
{
    /// <summary>Registers the entity journal, the entity grain's options (section <c>EntityStore</c>), a system clock and the read-model projection (section <c>ReadModel</c>).</summary>
    public static ISiloBuilder AddEntityStore(this ISiloBuilder builder)
    {
        builder.Services.AddEntityJournal();
        builder.Services.AddOptions<EntityStoreOptions>().BindConfiguration(EntityStoreOptions.SectionName);
        builder.Services.TryAddSingleton(new EntityClock(TimeProvider.System));
        builder.Services.AddSingleton<EntityMetrics>();
        builder.Services.AddOptions<ReadModelOptions>().BindConfiguration(ReadModelOptions.SectionName);
        builder.Services.AddSingleton<ReadModelDataSource>();
        builder.Services.AddSingleton<ReadModelMetrics>();
        builder.Services.AddHostedService<ProjectionKeeper>();
        return builder;
    }
}
