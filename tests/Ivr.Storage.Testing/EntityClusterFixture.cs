using Ivr.Storage.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ivr.Storage.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Xunit;

namespace Ivr.Storage.Testing;

/// <summary>
/// One in-process Orleans cluster per test collection, with the entity store on the real PostgreSQL and Orleans'
/// ADO.NET storage as default grain storage. Membership is the testing host's in-process table; the Redis
/// clustering path is covered by the silo tests. Silos are configured by the silo host's own AddIvrStorageSilo; the
/// in-memory transport carries no TLS, but every call carries the test client's caller token. Commit times come from <see cref="Clock"/>, a fake time provider
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
        var settings = SiloConfiguration.Common(JournalConnectionString, RunProjection, tls: false);
        var builder = new InProcessTestClusterBuilder(InitialSilos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddSingleton(new EntityClock(Clock));
            // Membership and endpoints are the testing host's; everything else is the silo host's configuration.
            host.AddIvrStorageSilo(new IvrStorageSiloOptions { Membership = SiloMembership.ProvidedByHost });
        });
        builder.ConfigureSilo((_, silo) =>
        {
            // The testing host's client calls its own hooks on the silos, and tests call their own test grains.
            silo.OpenToEveryCaller("Orleans.Runtime.TestHooks.ITestHooks");
            foreach (var testGrain in TestGrainInterfaces())
            {
                silo.OpenToEveryCaller(testGrain);
            }

            ConfigureSilo(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.AddMemoryStreams(Contracts.ChangeStreams.ProviderName);
            client.UseClusterSecurity(_ => TestCertificates.Shared.Caller(tls: false));
            ConfigureClient(client);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    private static IEnumerable<string> TestGrainInterfaces() =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name?.EndsWith(".Tests", StringComparison.Ordinal) == true)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsInterface && typeof(IGrain).IsAssignableFrom(type))
            .Select(type => type.FullName!);

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
