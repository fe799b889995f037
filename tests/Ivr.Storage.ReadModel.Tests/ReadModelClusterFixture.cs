using Ivr.Storage.Testing;

namespace Ivr.Storage.ReadModel.Tests;

/// <summary>A two-silo cluster on a database of its own, with the read-model projection running.</summary>
public sealed class ReadModelClusterFixture : EntityClusterFixture
{
    private TestDatabase? _database;

    public TestDatabase Database => _database!;

    protected override string JournalConnectionString => Database.JournalConnectionString;

    protected override bool RunProjection => true;

    protected override short InitialSilos => 2;

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
