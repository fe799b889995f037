using Ivr.Storage.ReadModel;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.ReadModel.Tests;

/// <summary>A two-silo cluster on a database of its own, with the read-model projection running.</summary>
public sealed class ReadModelClusterFixture : EntityClusterFixture
{
    private TestDatabase? _database;

    public TestDatabase Database => _database!;

    protected override string JournalConnectionString => Database.JournalConnectionString;

    protected override bool RunProjection => true;

    protected override short InitialSilos => 2;

    /// <summary>The query timeout (<see cref="ReadModelQueryLimitsTests"/> runs into it).</summary>
    public static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Search matches counted for facets, and values per facet: small, so the limits are cheap to reach.</summary>
    public const int MaxFacetRows = 5;

    public const int MaxFacetValues = 3;

    /// <summary>
    /// Long, so that a query waiting for a position is still waiting when a test checks on it; the tests release their
    /// waits themselves.
    /// </summary>
    public static readonly TimeSpan MinPositionWait = TimeSpan.FromSeconds(60);

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<ReadModelOptions>(options =>
        {
            options.QueryTimeout = QueryTimeout;
            options.MaxFacetRows = MaxFacetRows;
            options.MaxFacetValues = MaxFacetValues;
            options.MinPositionWait = MinPositionWait;
        });

    public override async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _database = await TestDatabase.CreateAsync("ivr_readmodel_cluster", fakeClock: true);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReadModelClusterCollection : ICollectionFixture<ReadModelClusterFixture>
{
    public const string Name = "read model cluster";
}
