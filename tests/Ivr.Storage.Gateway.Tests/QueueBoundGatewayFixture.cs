using Ivr.Storage.Testing;
using Npgsql;

namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// A gateway over a cluster of its own, on a database of its own, whose journal holds at most one append at a time
/// (Journal:MaxQueuedAppends = 1): its tests lock the journal table, which nobody else may meet.
/// </summary>
public sealed class QueueBoundGatewayFixture : GatewayFixture
{
    protected override string? OwnDatabasePrefix => "ivr_gateway_queue";

    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?> { ["Journal:MaxQueuedAppends"] = "1" };

    /// <summary>The superuser on this fixture's database, to lock its journal table and watch who waits for the lock.</summary>
    public string AdminConnectionString =>
        new NpgsqlConnectionStringBuilder(TestServices.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(JournalConnectionString).Database }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class QueueBoundGatewayCollection : ICollectionFixture<QueueBoundGatewayFixture>
{
    public const string Name = "gateway queue bound";
}
