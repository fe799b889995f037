using Ivr.Storage.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Ivr.Storage.Testing;

/// <summary>
/// One in-process Orleans cluster per test collection, with the entity store on the real PostgreSQL and Orleans'
/// ADO.NET storage as default grain storage. Membership is the testing host's in-process table; the Redis
/// clustering path is covered by the silo tests. Commit times come from <see cref="Clock"/>, a fake time provider
/// that moves one millisecond per reading, so tests can also jump it.
/// </summary>
public class EntityClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Silos to start; the default is one.</summary>
    protected virtual short InitialSilos => 1;

    /// <summary>The journal (and read model) database; the shared local one unless a fixture brings its own. The role may stamp any commit time: <see cref="Clock"/> starts in the past.</summary>
    protected virtual string JournalConnectionString => TestServices.FakeClockJournalConnectionString;

    /// <summary>
    /// Whether silos run the read-model projection. Off by default: test clusters of several test assemblies share
    /// one database, and their projections would only fence each other.
    /// </summary>
    protected virtual bool RunProjection => false;

    /// <summary>Hook for fixtures that need more configuration.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Hook for fixtures that configure the cluster's client (e.g. how often it refreshes its gateway list).</summary>
    protected virtual void ConfigureClient(IClientBuilder client)
    {
    }

    public virtual async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        var journal = JournalConnectionString;
        var runProjection = RunProjection ? "true" : "false";
        var builder = new InProcessTestClusterBuilder(InitialSilos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Journal"] = journal, ["ReadModel:Enabled"] = runProjection });
            host.Services.AddSingleton(new EntityClock(Clock));
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = journal;
            });
            silo.AddEntityStore();
            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.AddMemoryStreams(Contracts.ChangeStreams.ProviderName);
            ConfigureClient(client);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
