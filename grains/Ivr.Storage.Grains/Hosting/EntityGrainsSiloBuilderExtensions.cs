using Ivr.Storage.AuditLog;
using Ivr.Storage.Contracts;
using Ivr.Storage.Grains.Audit;
using Ivr.Storage.Grains;
using Ivr.Storage.Grains.Entity;
using Ivr.Storage.Grains.ReadModel;
using Ivr.Storage.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Adds IVR.Storage's grains and their services to a silo.</summary>
public static class EntityGrainsSiloBuilderExtensions
{
    /// <summary>Registers the entity journal, the entity grain's options (section <c>EntityStore</c>), a system clock and the read-model projection (section <c>ReadModel</c>).</summary>
    public static ISiloBuilder AddEntityGrains(this ISiloBuilder builder)
    {
        builder.Services.AddEntityJournal();
        // Live change streams. Memory streams lose queued events when a silo dies; that is acceptable because the
        // change feed is the source of truth and followers catch up from it.
        builder.AddMemoryStreams(ChangeStreams.ProviderName);
        builder.Services.AddSingleton<ChangePublisher>();
        // Stream subscriptions live in the silo's default grain storage (PostgreSQL in production), under the name
        // Orleans looks for, unless the host registered a "PubSubStore" of its own.
        builder.Services.TryAddKeyedSingleton<IGrainStorage>(
            ProviderConstants.DEFAULT_PUBSUB_PROVIDER_NAME,
            (services, _) => services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        builder.Services.AddOptions<EntityGrainOptions>().BindConfiguration(EntityGrainOptions.SectionName);
        builder.Services.TryAddSingleton(new EntityClock(TimeProvider.System));
        builder.Services.AddSingleton<EntityMetrics>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Ivr.Storage.Grains.Schemas.SchemaCache>();
        builder.Services.AddSingleton<Ivr.Storage.Grains.Schemas.SchemaUpcastChain>();
        builder.Services.AddSingleton<Ivr.Storage.Grains.Schemas.LatestSchemaView>();
        builder.Services.AddSingleton<Ivr.Storage.Grains.ReadModel.ProjectionUpcaster>();
        builder.Services.AddSingleton<Ivr.Storage.Grains.Schemas.SchemaCompatibilityCheck>();
        builder.Services.AddOptions<ReadModelOptions>().BindConfiguration(ReadModelOptions.SectionName);
        builder.Services.AddSingleton<ReadModelDataSource>();
        builder.Services.AddSingleton<ReadModelMetrics>();
        builder.Services.AddSingleton<ReadModelPositionWatcher>();
        builder.Services.AddHostedService<ProjectionKeeper>();
        // The transparency log (issue 21), off unless AuditLog:Enabled: a signing key and a head directory are needed.
        builder.Services.AddOptions<AuditLogOptions>().BindConfiguration(AuditLogOptions.SectionName);
        builder.Services.AddSingleton<AuditLogDataSource>();
        builder.Services.AddHostedService<AuditLogKeeper>();
        return builder;
    }
}
