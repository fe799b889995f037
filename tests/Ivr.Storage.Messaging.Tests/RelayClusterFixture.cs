using Ivr.Storage.Messaging.Relay;
using Ivr.Storage.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ivr.Storage.Messaging.Tests;

/// <summary>
/// A one-silo cluster on a database of its own running two relays, as a silo configured with <c>Messaging:Relays</c>
/// would: <c>all</c> (every change, with payloads) and <c>deletes</c> (deletes only, no payloads), each to an
/// exchange of the fixture's own.
/// </summary>
public sealed class RelayClusterFixture : EntityClusterFixture
{
    private TestDatabase? _database;

    public TestDatabase Database => _database!;

    internal TestQueue All { get; private set; } = null!;

    internal TestQueue Deletes { get; private set; } = null!;

    protected override string JournalConnectionString => Database.JournalConnectionString;

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<MessagingOptions>(options =>
        {
            options.ConnectionString = TestServices.RabbitMqConnectionString;
            options.Relays.Add(new RelayOptions { Name = "all", Exchange = All.Exchange });
            var deletes = new RelayOptions { Name = "deletes", Exchange = Deletes.Exchange, IncludePayloads = false };
            deletes.Kinds.Add(Contracts.ChangeKind.Delete);
            options.Relays.Add(deletes);
        });

    public override async Task InitializeAsync()
    {
        await TestServices.RequirePostgresAsync();
        _database = await TestDatabase.CreateAsync("ivr_relay_cluster", fakeClock: true);
        All = await TestQueue.CreateAsync();
        Deletes = await TestQueue.CreateAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await All.DisposeAsync();
        await Deletes.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
