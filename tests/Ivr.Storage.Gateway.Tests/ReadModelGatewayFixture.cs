namespace Ivr.Storage.Gateway.Tests;

/// <summary>
/// The gateway over a cluster on a database of its own with the read-model projection running: change-feed and query
/// tests see only this fixture's writes, and the projection is not fenced by other test clusters.
/// </summary>
public sealed class ReadModelGatewayFixture : GatewayFixture
{
    protected override string? OwnDatabasePrefix => "ivr_gateway_readmodel";

    protected override bool RunProjection => true;

    /// <summary>The fixture's database as the silos' runtime role, which may lock the read model's checkpoint table to hold the projection back.</summary>
    public string DatabaseConnectionString => JournalConnectionString;

    // Short, so the 503 for an unreachable minimum position is quick.
    protected override IReadOnlyDictionary<string, string?> SiloSettings { get; } = new Dictionary<string, string?> { ["ReadModel:MinPositionWait"] = "00:00:01" };
}

[CollectionDefinition(Name)]
public sealed class ReadModelGatewayCollection : ICollectionFixture<ReadModelGatewayFixture>
{
    public const string Name = "read model gateway";
}
